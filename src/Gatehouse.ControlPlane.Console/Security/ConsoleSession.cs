using System.Security.Claims;
using Gatehouse.ControlPlane.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.ControlPlane.Console.Security;

/// <summary>The console's cookie session: signed in with the admin token, bound to that token's stamp.</summary>
public static class ConsoleSession
{
    public const string Scheme = "GatehouseConsole";
    private const string StampClaim = "gatehouse:token-stamp";

    public static Task SignInAsync(HttpContext context, AdminToken token)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin"), new Claim(StampClaim, token.SessionStamp)], Scheme);
        return context.SignInAsync(Scheme, new ClaimsPrincipal(identity));
    }

    public static Task SignOutAsync(HttpContext context) => context.SignOutAsync(Scheme);

    /// <summary>A session made with another admin token (the token was changed) is ended.</summary>
    internal static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var token = context.HttpContext.RequestServices.GetRequiredService<AdminToken>();
        if (context.Principal?.FindFirst(StampClaim)?.Value == token.SessionStamp) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(Scheme);
    }
}
