using Gatehouse.Core.Sni;

namespace Gatehouse.ControlPlane.Api;

/// <summary>The body of <c>GET /api/v1/sni/{host}</c> (DESIGN.md §3).</summary>
internal sealed record SniExplanationView(string Host, string? Normalized, string? Winner,
    IReadOnlyList<SniExplanationView.Candidate> Candidates, string DecidedBy)
{
    public sealed record Candidate(string Id, string Matched, string Step, bool ValidNow, bool Revoked, DateTimeOffset NotAfter, long Revision);

    public static SniExplanationView From(SniDecision decision) => new(
        decision.Host, decision.Normalized, decision.Winner?.Id,
        [.. decision.Candidates.Select(c => new Candidate(c.Object.Id, c.Matched, c.Step.ToString().ToLowerInvariant(),
            c.ValidNow, c.Revoked, c.Object.Facts.NotAfter.ToUniversalTime(), c.Object.Revision))],
        decision.DecidedBy);
}
