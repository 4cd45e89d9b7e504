using Gatehouse.Core.Ssl;

namespace Gatehouse.Core.Sni;

/// <summary>
/// Why a host selects what it selects (served by <c>GET /api/v1/sni/{host}</c>).
/// <see cref="DecidedBy"/> is one of exact, wildcard, validity, revocation, not_after, revision, id, fallback, no_match.
/// </summary>
public sealed record SniDecision(
    string Host,
    string? Normalized,
    SslObjectModel? Winner,
    IReadOnlyList<SniCandidate> Candidates,
    string DecidedBy);
