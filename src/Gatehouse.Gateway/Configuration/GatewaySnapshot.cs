using Gatehouse.Core.Services;
using Gatehouse.Core.Sni;
using Gatehouse.Core.Ssl;
using Gatehouse.Gateway.Routing;
using Gatehouse.Gateway.Tls;

namespace Gatehouse.Gateway.Configuration;

/// <summary>
/// Everything the data plane reads, immutable: one instance per store revision, replaced in one write so a
/// handshake never sees half an update.
/// </summary>
public sealed class GatewaySnapshot
{
    public GatewaySnapshot(long revision, IReadOnlyDictionary<string, ServedSslObject> served,
        IReadOnlyDictionary<string, SslObjectModel> all, IReadOnlyList<string> badKeys,
        IReadOnlyDictionary<string, ServiceModel>? services = null, IReadOnlyDictionary<string, ClientTlsIdentity>? clients = null,
        IReadOnlySet<string>? revoked = null)
    {
        Services = services ?? new Dictionary<string, ServiceModel>();
        Clients = clients ?? new Dictionary<string, ClientTlsIdentity>();
        // One route object per service, shared by both listeners' tables so its target schedule is one.
        var routes = Services.Values.Select(s => new ServiceRoute(s, Clients)).ToList();
        Routes = routes;
        HttpRoutes = RouteTable.Build(routes.Where(r => r.Service.Serves(ServiceProtocols.Http)));
        HttpsRoutes = RouteTable.Build(routes.Where(r => r.Service.Serves(ServiceProtocols.Https)));
        Revision = revision;
        Served = served;
        All = all;
        BadKeys = badKeys;
        // Objects an OCSP responder said are revoked lose to any other valid candidate (DESIGN.md §3 rule 4).
        Sni = SniIndex.Build(served.Values.Select(s => s.Model), revoked);
    }

    public static GatewaySnapshot Empty { get; } = new(0, new Dictionary<string, ServedSslObject>(), new Dictionary<string, SslObjectModel>(), []);

    /// <summary>The store revision this snapshot reflects.</summary>
    public long Revision { get; }

    public SniIndex Sni { get; }

    /// <summary>Server objects with their TLS options, by id.</summary>
    public IReadOnlyDictionary<string, ServedSslObject> Served { get; }

    /// <summary>Every loaded SSL object (server and client), by id.</summary>
    public IReadOnlyDictionary<string, SslObjectModel> All { get; }

    /// <summary>Every loaded service, by id.</summary>
    public IReadOnlyDictionary<string, ServiceModel> Services { get; }

    /// <summary>Client objects ready to present to upstreams, by id.</summary>
    public IReadOnlyDictionary<string, ClientTlsIdentity> Clients { get; }

    /// <summary>Every service route (both listeners).</summary>
    internal IReadOnlyList<ServiceRoute> Routes { get; }

    /// <summary>Routes of the plain HTTP listener: services listing <c>http</c>.</summary>
    internal RouteTable HttpRoutes { get; }

    /// <summary>Routes of the HTTPS listener: services listing <c>https</c>.</summary>
    internal RouteTable HttpsRoutes { get; }

    /// <summary>Store keys whose latest value could not be loaded (their last good revision is kept).</summary>
    public IReadOnlyList<string> BadKeys { get; }
}
