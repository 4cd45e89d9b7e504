using Gatehouse.ControlPlane.Api;
using Microsoft.AspNetCore.Http;

namespace Gatehouse.Gateway.Routing;

/// <summary>The data plane's JSON errors (DESIGN.md §4), in the same shape as the Admin API's.</summary>
public static class DataPlaneErrors
{
    public static Task NoRouteAsync(HttpContext context) =>
        ApiErrorWriter.WriteAsync(context, ApiError.Of(404, "no_route", "No service routes this host and path."));
}
