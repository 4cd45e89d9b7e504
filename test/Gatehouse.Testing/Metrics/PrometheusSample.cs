namespace Gatehouse.Testing.Metrics;

/// <summary>One sample line of a Prometheus text exposition: name, labels (in any order) and value.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    /// <summary>True when the labels are exactly <paramref name="labels"/>, whatever their order.</summary>
    public bool HasExactly(IReadOnlyCollection<(string Name, string Value)> labels) =>
        Labels.Count == labels.Count && labels.All(l => Labels.TryGetValue(l.Name, out var value) && value == l.Value);
}
