using Gatehouse.Core.Coverage;
using Gatehouse.Core.Validation;

namespace Gatehouse.ControlPlane.Declarative;

/// <summary>
/// The result of planning an apply against one configuration state: the writes in commit order (client objects, server
/// objects, services, then deletes of services and of objects), the report of every object, the guards the final state
/// trips, and the TLS coverage of the document's services in the final state.
/// </summary>
internal sealed record ApplyPlan(
    IReadOnlyList<PlannedWrite> Writes,
    IReadOnlyList<ObjectChange> Ssls,
    IReadOnlyList<ObjectChange> Services,
    IReadOnlyList<ValidationError> Guards,
    ConfigImpact Impact,
    IReadOnlyList<ServiceCoverage> TlsCoverage,
    int Skipped,
    long Revision);
