using Gatehouse.Core.Services;

namespace Gatehouse.ControlPlane.Services;

/// <summary>A service write's result: the stored model, or for a dry run the record it would store.</summary>
public sealed record ServiceWriteOutcome(ServiceRecord Record, long Revision, bool DryRun);
