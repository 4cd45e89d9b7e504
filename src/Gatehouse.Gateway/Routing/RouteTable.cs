namespace Gatehouse.Gateway.Routing;

/// <summary>
/// The immutable routes of one listener protocol, built once per snapshot (DESIGN.md §4). The host decides
/// first — an exact host beats a one-label wildcard — then the longest path prefix among that host's routes.
/// As an nginx server block is chosen before its locations, a host with exact routes never falls back to a
/// wildcard's routes when none of its prefixes match (docs/decisions.md).
/// </summary>
internal sealed class RouteTable
{
    private readonly Dictionary<string, HostRoutes> _exact;
    private readonly Dictionary<string, HostRoutes> _wildcard;

    private RouteTable(Dictionary<string, HostRoutes> exact, Dictionary<string, HostRoutes> wildcard)
    {
        _exact = exact;
        _wildcard = wildcard;
    }

    public static RouteTable Empty { get; } = Build([]);

    /// <summary>Builds the table from routes already filtered to the listener's protocol.</summary>
    public static RouteTable Build(IEnumerable<ServiceRoute> routes)
    {
        var byHost = routes
            .SelectMany(r => r.Service.Record.Hosts.Select(h => (Host: h, Route: r)))
            .GroupBy(x => x.Host, StringComparer.Ordinal)
            .ToList();
        var exact = byHost.Where(g => !g.Key.StartsWith("*.", StringComparison.Ordinal))
            .ToDictionary(g => g.Key, g => new HostRoutes(g.Select(x => x.Route)), StringComparer.Ordinal);
        var wildcard = byHost.Where(g => g.Key.StartsWith("*.", StringComparison.Ordinal))
            .ToDictionary(g => g.Key[2..], g => new HostRoutes(g.Select(x => x.Route)), StringComparer.Ordinal);
        return new RouteTable(exact, wildcard);
    }

    /// <summary>
    /// The route for a normalised host (null for a missing Host or an IP literal: nothing routes those) and a
    /// request path; null when nothing matches.
    /// </summary>
    public ServiceRoute? Match(string? host, string path)
    {
        if (host is null) return null;
        if (path.Length == 0) path = "/";
        if (_exact.TryGetValue(host, out var exact)) return exact.Match(path);
        var dot = host.IndexOf('.');
        // The first label stands for the star: a wildcard matches one label deep only.
        if (dot > 0 && _wildcard.TryGetValue(host[(dot + 1)..], out var wildcard)) return wildcard.Match(path);
        return null;
    }
}
