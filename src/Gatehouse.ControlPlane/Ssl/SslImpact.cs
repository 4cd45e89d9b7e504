namespace Gatehouse.ControlPlane.Ssl;

/// <summary>What a write would change (DESIGN.md §5 <c>impact</c>). Services fill the host lists from step 3 on.</summary>
public sealed record SslImpact(
    IReadOnlyList<string> SnisAdded,
    IReadOnlyList<string> SnisRemoved,
    IReadOnlyList<HostRef> HostsGaining,
    IReadOnlyList<HostRef> HostsLosing,
    IReadOnlyList<HostRef> PeerAuthChanges)
{
    public static SslImpact Between(IReadOnlyList<string> before, IReadOnlyList<string> after) => new(
        [.. after.Except(before, StringComparer.Ordinal).Order(StringComparer.Ordinal)],
        [.. before.Except(after, StringComparer.Ordinal).Order(StringComparer.Ordinal)],
        [], [], []);
}

/// <summary>A service host named in an impact or a guard's details.</summary>
public sealed record HostRef(string ServiceId, string Host);
