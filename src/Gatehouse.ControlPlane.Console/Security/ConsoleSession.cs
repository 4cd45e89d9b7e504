using System.Security.Claims;
using Gatehouse.ControlPlane.Access;
using Gatehouse.ControlPlane.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.ControlPlane.Console.Security;

/// <summary>
/// The console's cookie session: signed in with any token, its principal's name and roles as claims, and the id of a
/// server-side session (<see cref="ConsoleSessionStore"/>) that every request checks: signing out, deleting or expiring
/// the token, changing the bootstrap token, or the absolute lifetime ends it.
/// </summary>
internal static class ConsoleSession
{
    public const string Scheme = "GatehouseConsole";
    private const string SessionClaim = "gatehouse:session";

    public static async Task SignInAsync(HttpContext context, Principal principal)
    {
        var services = context.RequestServices;
        var id = await services.GetRequiredService<ConsoleSessionStore>().CreateAsync(principal,
            services.GetRequiredService<AdminToken>().SessionStamp, context.RequestAborted);
        List<Claim> claims = [new(ClaimTypes.Name, principal.Name), new(SessionClaim, id)];
        claims.AddRange(RoleNames.Including(principal.Role).Select(role => new Claim(ClaimTypes.Role, role)));
        await context.SignInAsync(Scheme, new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme)));
    }

    /// <summary>Deletes the server-side session, then the cookie.</summary>
    public static async Task SignOutAsync(HttpContext context)
    {
        if (context.User.FindFirst(SessionClaim)?.Value is { } id)
            await context.RequestServices.GetRequiredService<ConsoleSessionStore>().RevokeAsync(id, context.RequestAborted);
        await context.SignOutAsync(Scheme);
    }

    /// <summary>Every request: the server-side session must exist and be within its lifetime, and its token still valid.</summary>
    internal static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var sessions = services.GetRequiredService<ConsoleSessionStore>();
        var id = context.Principal?.FindFirst(SessionClaim)?.Value;
        var session = id is null ? null : await sessions.FindAsync(id, context.HttpContext.RequestAborted);
        if (session is not null && await IsTokenCurrentAsync(session, services, context.HttpContext.RequestAborted)) return;
        if (session is not null) await sessions.RevokeAsync(id!, context.HttpContext.RequestAborted);
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(Scheme);
    }

    private static async Task<bool> IsTokenCurrentAsync(SessionRecord session, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (session.TokenHash is null) return session.BootstrapStamp == services.GetRequiredService<AdminToken>().SessionStamp;
        if (!RoleNames.TryParse(session.Role, out var role)) return false;
        return await services.GetRequiredService<TokenAuthenticator>()
            .IsCurrentAsync(new Principal(session.Principal, role, session.TokenHash), cancellationToken);
    }
}
