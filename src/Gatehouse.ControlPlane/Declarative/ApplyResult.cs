namespace Gatehouse.ControlPlane.Declarative;

/// <summary>What an apply did (or, for a dry run, would do).</summary>
/// <param name="Revision">The store revision after the apply; the one it read when nothing was written.</param>
/// <param name="Commits">How many transactions the writes took (0 when nothing was written).</param>
internal sealed record ApplyResult(ApplyPlan Plan, bool DryRun, long Revision, int Commits)
{
    public bool Changed => Plan.Ssls.Concat(Plan.Services).Any(c => c.Action != "unchanged");
}
