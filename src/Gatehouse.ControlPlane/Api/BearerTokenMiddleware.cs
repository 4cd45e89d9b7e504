using Gatehouse.ControlPlane.Access;
using Gatehouse.Hosting.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gatehouse.ControlPlane.Api;

/// <summary>
/// Every <c>/api</c> request needs <c>Authorization: Bearer &lt;token&gt;</c> (nothing else, no cookies): the bootstrap
/// admin token or a named token (401 otherwise), with the role its route declares (403 <c>forbidden</c> naming the role).
/// Failed authentications are limited per client address (429 <c>too_many_attempts</c>, <see cref="AuthenticationThrottle"/>).
/// </summary>
internal sealed partial class BearerTokenMiddleware(RequestDelegate next, TokenAuthenticator authenticator,
    AuthenticationThrottle throttle, ILogger<BearerTokenMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }
        var header = context.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        var presented = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : "";
        if (presented.Length == 0)
        {
            await UnauthorizedAsync(context);
            return;
        }
        var address = context.Connection.RemoteIpAddress;
        if (throttle.IsBlocked(address, out var wait))
        {
            context.Response.Headers.RetryAfter = AuthenticationThrottle.RetryAfterSeconds(wait);
            await ApiErrorWriter.WriteAsync(context, ApiError.Of(429, "too_many_attempts",
                "Too many failed authentications from this address; retry after the time in Retry-After."));
            return;
        }
        var principal = await authenticator.AuthenticateAsync(presented, context.RequestAborted);
        if (principal is null)
        {
            throttle.RecordFailure(address);
            LogFailed(logger, ClientAddress.Of(context));
            await UnauthorizedAsync(context);
            return;
        }

        var needed = RouteRoles.Needed(context);
        if (needed is null && context.GetEndpoint() is not null)
        {
            LogUndeclared(logger, context.Request.Method, context.Request.Path);
            await ApiErrorWriter.WriteAsync(context, ApiError.Of(403, "forbidden", "This route declares no role, so it is refused to everyone."));
            return;
        }
        if (needed is { } role && !principal.May(role))
        {
            await ApiErrorWriter.WriteAsync(context, ApiError.Of(403, "forbidden",
                $"This request needs the {RoleNames.Of(role)} role; the token {principal.Name} has the {RoleNames.Of(principal.Role)} role."));
            return;
        }
        context.SetPrincipal(principal);
        await next(context);
    }

    private static Task UnauthorizedAsync(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return ApiErrorWriter.WriteAsync(context, ApiError.Of(401, "unauthorized",
            "A valid token is required: send Authorization: Bearer <token>."));
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "Failed API authentication from {Address}")]
    private static partial void LogFailed(ILogger logger, string address);

    [LoggerMessage(EventId = 111, Level = LogLevel.Error, Message = "{Method} {Path} declares no role: refused")]
    private static partial void LogUndeclared(ILogger logger, string method, string path);
}
