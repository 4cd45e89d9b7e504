using System.Security.Claims;
using Gatehouse.ControlPlane.Access;
using Microsoft.AspNetCore.Http;

namespace Gatehouse.ControlPlane.Hosting;

/// <summary>
/// Who made an admin write, for the audit log (DESIGN.md §9, §14): the principal (the token's name, or <c>bootstrap</c>),
/// the channel (<c>api</c> with a bearer token, <c>console</c> with a session) and the client address — never a secret.
/// </summary>
public sealed class AuditActor(IHttpContextAccessor accessor)
{
    /// <summary>E.g. <c>alice via api@127.0.0.1</c>.</summary>
    public string Describe()
    {
        var context = accessor.HttpContext;
        if (context is null) return "internal";
        return $"{Principal(context)} via {Channel(context)}@{ClientAddress.Of(context)}";
    }

    /// <summary>The principal's name alone (the token's name, <c>bootstrap</c>, or <c>internal</c> outside a request).</summary>
    public string PrincipalName() => accessor.HttpContext is { } context ? Principal(context) : "internal";

    private static string Principal(HttpContext context) =>
        context.GetPrincipal()?.Name ?? context.User.FindFirst(ClaimTypes.Name)?.Value ?? "-";

    private static string Channel(HttpContext context) => context.Request.Path.StartsWithSegments("/api") ? "api" : "console";
}
