using System.Net;
using System.Net.Sockets;

namespace Gatehouse.Core.Services;

/// <summary>Address rules for upstream targets, shared by validation (literal targets) and the gateway (the address connected to).</summary>
public static class UpstreamAddresses
{
    /// <summary>
    /// 169.254.0.0/16 or fe80::/10 (cloud metadata services and the like); an IPv4-mapped IPv6 address is judged as
    /// its IPv4 address.
    /// </summary>
    public static bool IsLinkLocal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetworkV6) return address.IsIPv6LinkLocal;
        Span<byte> bytes = stackalloc byte[4];
        return address.TryWriteBytes(bytes, out _) && bytes[0] == 169 && bytes[1] == 254;
    }
}
