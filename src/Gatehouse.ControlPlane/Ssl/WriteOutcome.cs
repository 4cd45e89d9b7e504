using Gatehouse.ControlPlane.Configuration;
using Gatehouse.Core.Ssl;

namespace Gatehouse.ControlPlane.Ssl;

/// <summary>The result of an SSL object write: the stored model, or for a dry run only the impact.</summary>
public sealed record WriteOutcome(SslObjectModel? Model, SslImpact Impact, IReadOnlyList<string> Warnings);
