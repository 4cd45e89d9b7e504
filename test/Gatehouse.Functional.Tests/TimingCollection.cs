namespace Gatehouse.Functional.Tests;

/// <summary>
/// Tests that time the gateway (hot reload within a second, rotation under load, certificate clocks) run
/// alone, after the parallel ones, so a busy two-core machine does not decide their outcome.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "timing";
}
