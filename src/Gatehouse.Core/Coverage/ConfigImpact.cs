namespace Gatehouse.Core.Coverage;

/// <summary>What a change to the SSL objects does to the services' hosts (DESIGN.md §5 <c>impact</c>).</summary>
public sealed record ConfigImpact(
    IReadOnlyList<HostRef> HostsGaining,
    IReadOnlyList<HostRef> HostsLosing,
    IReadOnlyList<PeerAuthChange> PeerAuthChanges)
{
    /// <summary>HTTPS hosts that had a certificate and would have none (guard <c>would_uncover</c>).</summary>
    public IReadOnlyList<HostRef> Uncovered => HostsLosing;

    /// <summary>Hosts that had peer authentication and would lose it or change CA set, now or later (guard <c>peer_auth_downgrade</c>).</summary>
    public IEnumerable<PeerAuthChange> Downgrades => PeerAuthChanges.Where(c => c.IsDowngrade);
}
