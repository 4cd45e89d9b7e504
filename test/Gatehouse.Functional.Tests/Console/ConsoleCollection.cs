namespace Gatehouse.Functional.Tests.Console;

/// <summary>Console test classes run one after another: each starts a gatehouse and a browser.</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection
{
    public const string Name = "Console";
}
