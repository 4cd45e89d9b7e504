using Microsoft.AspNetCore.Http;

namespace Gatehouse.ControlPlane.Access;

/// <summary>The client address as logs write it: IPv4-mapped IPv6 addresses as IPv4, <c>-</c> when unknown.</summary>
public static class ClientAddress
{
    public static string Of(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        return address is null ? "-" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }
}
