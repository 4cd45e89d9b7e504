using Gatehouse.Core.Coverage;

namespace Gatehouse.ControlPlane.Ssl;

/// <summary>What an SSL object write would change (DESIGN.md §5 <c>impact</c>).</summary>
public sealed record SslImpact(
    IReadOnlyList<string> SnisAdded,
    IReadOnlyList<string> SnisRemoved,
    IReadOnlyList<HostRef> HostsGaining,
    IReadOnlyList<HostRef> HostsLosing,
    IReadOnlyList<PeerAuthChange> PeerAuthChanges)
{
    public static SslImpact Between(IReadOnlyList<string> before, IReadOnlyList<string> after, ConfigImpact? hosts = null) => new(
        [.. after.Except(before, StringComparer.Ordinal).Order(StringComparer.Ordinal)],
        [.. before.Except(after, StringComparer.Ordinal).Order(StringComparer.Ordinal)],
        hosts?.HostsGaining ?? [], hosts?.HostsLosing ?? [], hosts?.PeerAuthChanges ?? []);
}
