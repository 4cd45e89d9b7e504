using Microsoft.AspNetCore.Http;

namespace Gatehouse.ControlPlane.Access;

/// <summary>The principal of an API request, put on the request by <see cref="Api.BearerTokenMiddleware"/>.</summary>
internal static class PrincipalContext
{
    private static readonly object Key = new();

    public static void SetPrincipal(this HttpContext context, Principal principal) => context.Items[Key] = principal;

    /// <summary>The API request's principal, or null outside <c>/api</c> (the console's comes from its session).</summary>
    public static Principal? GetPrincipal(this HttpContext context) => context.Items.TryGetValue(Key, out var value) ? value as Principal : null;
}
