namespace Gatehouse.ControlPlane.Declarative;

/// <summary>
/// <c>--selector L</c> / <c>?selector=L</c>: only objects carrying every given label (labels are plain strings, so
/// <c>team=payments</c> is one label). Empty selects everything.
/// </summary>
public sealed class LabelSelector(IReadOnlyList<string> labels)
{
    public static LabelSelector All { get; } = new([]);

    public IReadOnlyList<string> Labels { get; } = labels;

    public bool Matches(IReadOnlyList<string> objectLabels) => Labels.All(objectLabels.Contains);
}
