using Gatehouse.Core.Secrets;
using System.Collections.Immutable;
using Gatehouse.Configuration;
using Gatehouse.Core.Services;
using Gatehouse.Core.Ssl;
using Gatehouse.Gateway.Routing;
using Gatehouse.Gateway.Tls;

namespace Gatehouse.Gateway.Configuration;

/// <summary>
/// Turns each configuration model the feed publishes into the gateway's snapshot, touching only what changed
/// (DESIGN.md §11): the TLS contexts of changed objects are dropped (others stay cached), and route tables are rebuilt
/// only when a service or a client object a service presents changed. A service whose model and client object did not
/// change keeps its <see cref="ServiceRoute"/>, so its round-robin position, its upstream CA set and its pool survive
/// (YARP keeps cluster state across configuration swaps the same way).
/// </summary>
public sealed class SnapshotBuilder(TlsContextCache tls, ServerTlsOptionsFactory factory)
{
    private GatewaySnapshot _last = GatewaySnapshot.Empty;
    private long _routeBuilds;

    /// <summary>Service routes built since start (a test reads it to see that unrelated changes rebuild none).</summary>
    public long RouteBuilds => Interlocked.Read(ref _routeBuilds);

    /// <summary>The snapshot of <paramref name="model"/>, given what changed since the previous one.</summary>
    public GatewaySnapshot Apply(ConfigModel model, ConfigDelta delta)
    {
        var previous = _last;
        if (delta.Reset) tls.Retain(model);
        else
        {
            tls.Forget(model, delta.SslIds);
            // A new OCSP answer is stapled on the object's built context at once (no rebuild, DESIGN.md §12).
            if (delta.OcspIds.Count > 0) tls.Restaple(model, delta.OcspIds);
        }

        var routesChanged = delta.Reset || delta.ServiceIds.Count > 0
            || delta.SslIds.Any(id => model.ServicesUsingClient(id).Any() || previous.Config.ServicesUsingClient(id).Any());
        _last = routesChanged ? BuildRoutes(model, previous) : new GatewaySnapshot(model, previous.Routes, previous.HttpRoutes, previous.HttpsRoutes);
        return _last;
    }

    private GatewaySnapshot BuildRoutes(ConfigModel model, GatewaySnapshot previous)
    {
        var routes = ImmutableDictionary.CreateBuilder<string, ServiceRoute>(StringComparer.Ordinal);
        foreach (var service in model.Services.Values)
        {
            var client = service.Record.Upstream.ClientSslId is { } id ? model.Ssls.GetValueOrDefault(id) : null;
            routes[service.Id] = previous.Routes.TryGetValue(service.Id, out var kept) && Unchanged(kept, service, client)
                ? kept
                : NewRoute(service, client);
        }
        var all = routes.Values.ToList();
        return new GatewaySnapshot(model, routes.ToImmutable(),
            RouteTable.Build(all.Where(r => r.Service.Serves(ServiceProtocols.Http))),
            RouteTable.Build(all.Where(r => r.Service.Serves(ServiceProtocols.Https))));
    }

    private static bool Unchanged(ServiceRoute route, ServiceModel service, SslObjectModel? client) =>
        route.Service.Revision == service.Revision && route.ClientModel?.Revision == client?.Revision && route.ClientModel?.Id == client?.Id;

    private ServiceRoute NewRoute(ServiceModel service, SslObjectModel? client)
    {
        Interlocked.Increment(ref _routeBuilds);
        var identity = client is { Type: SslObjectType.Client } ? factory.CreateClientIdentity(client) : null;
        return new ServiceRoute(service, identity);
    }
}
