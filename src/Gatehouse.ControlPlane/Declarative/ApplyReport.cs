using Gatehouse.Core.Coverage;
using Gatehouse.Core.Validation;

namespace Gatehouse.ControlPlane.Declarative;

/// <summary>The response of <c>POST /api/v1/apply</c>: every object's change, the guards, the impact and the final TLS coverage.</summary>
internal sealed record ApplyReport(
    bool DryRun,
    bool Changed,
    long Revision,
    int Commits,
    int Skipped,
    IReadOnlyList<ObjectChange> Ssls,
    IReadOnlyList<ObjectChange> Services,
    IReadOnlyList<ValidationError> Guards,
    ConfigImpact Impact,
    IReadOnlyList<ServiceCoverage> TlsCoverage)
{
    public static ApplyReport From(ApplyResult result) => new(result.DryRun, result.Changed, result.Revision, result.Commits,
        result.Plan.Skipped, result.Plan.Ssls, result.Plan.Services, result.Plan.Guards, result.Plan.Impact, result.Plan.TlsCoverage);
}
