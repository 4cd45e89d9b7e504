using Gatehouse.ControlPlane.Hosting;
using Gatehouse.Hosting.Errors;
using Microsoft.AspNetCore.Http;

namespace Gatehouse.ControlPlane.Api;

/// <summary>Every <c>/api</c> request needs <c>Authorization: Bearer &lt;token&gt;</c>; nothing else (no cookies) is accepted.</summary>
public sealed class BearerTokenMiddleware(RequestDelegate next, AdminToken token)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api")) return next(context);
        var header = context.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && token.Matches(header[scheme.Length..].Trim()))
            return next(context);
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return ApiErrorWriter.WriteAsync(context, ApiError.Of(401, "unauthorized",
            "A valid admin token is required: send Authorization: Bearer <token>."));
    }
}
