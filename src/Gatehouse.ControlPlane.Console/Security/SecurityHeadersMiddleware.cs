using Microsoft.AspNetCore.Http;

namespace Gatehouse.ControlPlane.Console.Security;

/// <summary>
/// Headers on every console response: a strict Content-Security-Policy (no inline script or style, no framing,
/// forms post only here), no MIME sniffing, no referrer, no caching of pages that show configuration.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-cache, no-store";
            headers.Pragma = "no-cache";
        }
        return next(context);
    }
}
