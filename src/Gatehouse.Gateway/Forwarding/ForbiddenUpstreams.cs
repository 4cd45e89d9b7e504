using System.Net;
using System.Net.NetworkInformation;
using Gatehouse.Core.Services;

namespace Gatehouse.Gateway.Forwarding;

/// <summary>
/// Where the gateway never forwards (DESIGN.md §4): this machine's protected listeners (the admin listener under
/// <c>up</c>, the status listener of <c>gatehouse gateway</c>) and link-local addresses. Judged on the address a
/// connection actually reached, after DNS, so a name that resolves there is refused as well as a literal.
/// </summary>
internal sealed class ForbiddenUpstreams(IReadOnlyList<IPEndPoint> protectedListeners)
{
    /// <summary>This machine's addresses, read once: a listener on 0.0.0.0 or :: answers on every one of them.</summary>
    private readonly Lazy<HashSet<IPAddress>> _local = new(LocalAddresses);

    /// <summary>True when <paramref name="remote"/> is link-local or one of the protected listeners.</summary>
    public bool IsForbidden(IPEndPoint remote)
    {
        var address = remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4() : remote.Address;
        if (UpstreamAddresses.IsLinkLocal(address)) return true;
        foreach (var listener in protectedListeners)
        {
            if (listener.Port == remote.Port && Reaches(listener.Address, address)) return true;
        }
        return false;
    }

    private bool Reaches(IPAddress listening, IPAddress address)
    {
        if (listening.IsIPv4MappedToIPv6) listening = listening.MapToIPv4();
        if (listening.Equals(address)) return true;
        var any = listening.Equals(IPAddress.Any) || listening.Equals(IPAddress.IPv6Any);
        // The unspecified address as a destination reaches this host on Linux, like loopback.
        var thisHost = IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);
        return any ? thisHost || _local.Value.Contains(address) : thisHost && IPAddress.IsLoopback(listening);
    }

    private static HashSet<IPAddress> LocalAddresses()
    {
        try
        {
            return [.. NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(i => i.GetIPProperties().UnicastAddresses)
                .Select(a => a.Address.IsIPv4MappedToIPv6 ? a.Address.MapToIPv4() : a.Address)];
        }
        catch (NetworkInformationException)
        {
            return [];
        }
    }
}
