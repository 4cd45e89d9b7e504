using System.Collections.Immutable;
using Gatehouse.Configuration;
using Gatehouse.Core.Sni;
using Gatehouse.Gateway.Routing;

namespace Gatehouse.Gateway.Configuration;

/// <summary>
/// Everything the data plane reads, immutable: the configuration model at one store revision and the route tables
/// built from its services, replaced in one write so a handshake never sees half an update. TLS contexts are not
/// part of it: they are built on demand (<see cref="Tls.TlsContextCache"/>).
/// </summary>
public sealed class GatewaySnapshot
{
    internal GatewaySnapshot(ConfigModel config, ImmutableDictionary<string, ServiceRoute> routes, RouteTable httpRoutes, RouteTable httpsRoutes)
    {
        Config = config;
        Routes = routes;
        HttpRoutes = httpRoutes;
        HttpsRoutes = httpsRoutes;
    }

    public static GatewaySnapshot Empty { get; } = new(ConfigModel.Empty,
        ImmutableDictionary.Create<string, ServiceRoute>(StringComparer.Ordinal), RouteTable.Empty, RouteTable.Empty);

    /// <summary>The configuration this snapshot serves.</summary>
    public ConfigModel Config { get; }

    /// <summary>The store revision this snapshot reflects.</summary>
    public long Revision => Config.Revision;

    public SniIndex Sni => Config.Sni;

    /// <summary>Store keys whose latest value could not be loaded (their last good revision is kept).</summary>
    public IReadOnlyList<string> BadKeys => Config.BadKeys;

    /// <summary>Every service route (both listeners), by service id; a route outlives snapshots that do not change its service.</summary>
    internal ImmutableDictionary<string, ServiceRoute> Routes { get; }

    /// <summary>Routes of the plain HTTP listener: services listing <c>http</c>.</summary>
    internal RouteTable HttpRoutes { get; }

    /// <summary>Routes of the HTTPS listener: services listing <c>https</c>.</summary>
    internal RouteTable HttpsRoutes { get; }
}
