using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Gatehouse.ControlPlane.Access;

/// <summary>Declares and reads the role of a route.</summary>
internal static class RouteRoles
{
    /// <summary>The name of the OpenAPI extension that publishes each operation's role.</summary>
    public const string OpenApiExtension = "x-gatehouse-role";

    /// <summary>Declares the role every request to these endpoints needs (a forced write needs <see cref="Role.Admin"/> whatever this says).</summary>
    public static TBuilder RequireRole<TBuilder>(this TBuilder builder, Role role) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredRole(role));

    /// <summary>
    /// The role a request needs: its route's declared role, raised to admin by <c>?force=true</c> on a write (DESIGN.md §14: operators
    /// never force). Null when the route declares none. A <c>force</c> value the handler would refuse raises nothing:
    /// the handler answers 400 for it.
    /// </summary>
    public static Role? Needed(HttpContext context)
    {
        var declared = context.GetEndpoint()?.Metadata.GetMetadata<RequiredRole>()?.Role;
        if (declared is null) return null;
        return HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || !IsForced(context.Request)
            ? declared
            : Role.Admin;
    }

    private static bool IsForced(HttpRequest request)
    {
        try
        {
            return Api.QueryParameters.Flag(request, "force");
        }
        catch (Gatehouse.Hosting.Errors.ApiError)
        {
            return false;
        }
    }
}
