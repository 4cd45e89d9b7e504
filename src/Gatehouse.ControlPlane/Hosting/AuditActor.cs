using Microsoft.AspNetCore.Http;

namespace Gatehouse.ControlPlane.Hosting;

/// <summary>
/// Who made an admin write, for the audit log (DESIGN.md §9): the channel (<c>api</c> with the bearer token, or
/// <c>console</c> with a session) and the client address. There is one admin identity, so this is all there is.
/// </summary>
public sealed class AuditActor(IHttpContextAccessor accessor)
{
    public string Describe()
    {
        var context = accessor.HttpContext;
        if (context is null) return "internal";
        var channel = context.Request.Path.StartsWithSegments("/api") ? "api" : "console";
        var address = context.Connection.RemoteIpAddress;
        return $"{channel}@{(address is null ? "-" : address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address)}";
    }
}
