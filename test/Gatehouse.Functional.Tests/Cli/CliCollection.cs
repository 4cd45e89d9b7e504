namespace Gatehouse.Functional.Tests.Cli;

/// <summary>The CLI tests share one gatehouse process; each test uses its own host names.</summary>
[CollectionDefinition(Name)]
public sealed class CliCollection : ICollectionFixture<GatehouseFixture>
{
    public const string Name = "cli";
}
