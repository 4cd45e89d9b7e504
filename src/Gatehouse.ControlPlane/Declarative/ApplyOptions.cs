namespace Gatehouse.ControlPlane.Declarative;

/// <summary>How an apply runs: <c>?prune</c>, <c>?dry_run</c>, <c>?force</c>, <c>?selector</c>.</summary>
/// <param name="Prune">Delete stored objects (in the selector's scope) that the document does not name.</param>
/// <param name="DryRun">Plan and report only (what <c>gatehouse diff</c> shows).</param>
/// <param name="Force">Commit although a guard trips (needs the admin role, like every forced write).</param>
internal sealed record ApplyOptions(bool Prune, bool DryRun, bool Force, LabelSelector Selector);
