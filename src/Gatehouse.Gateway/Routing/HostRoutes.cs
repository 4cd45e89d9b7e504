namespace Gatehouse.Gateway.Routing;

/// <summary>The routes of one host (or one wildcard pattern), longest path prefix first.</summary>
internal sealed class HostRoutes(IEnumerable<ServiceRoute> routes)
{
    // Longest first; equal prefixes cannot coexist (409 route_conflict), the id breaks a tie left by a bad write.
    private readonly ServiceRoute[] _routes = [.. routes
        .OrderByDescending(r => r.PathPrefix.Length)
        .ThenBy(r => r.Service.Id, StringComparer.Ordinal)];

    /// <summary>The route with the longest prefix covering <paramref name="path"/>, or null.</summary>
    public ServiceRoute? Match(string path)
    {
        foreach (var route in _routes)
        {
            if (PathPrefix.Matches(route.PathPrefix, path)) return route;
        }
        return null;
    }
}
