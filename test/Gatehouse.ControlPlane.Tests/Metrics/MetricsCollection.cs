namespace Gatehouse.ControlPlane.Tests.Metrics;

/// <summary>
/// Tests that read metric values from an in-process control plane run alone: instruments of one meter name are collected
/// process-wide, so a second control plane in this test process would report into the same series.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "In-process metrics";
}
