using Gatehouse.Configuration;
using Gatehouse.Core.Secrets;
using Gatehouse.Core.Services;
using Gatehouse.Core.Ssl;
using Gatehouse.Gateway.Configuration;
using Gatehouse.Gateway.Tls;
using Gatehouse.Storage;
using Gatehouse.Testing.Pki;
using static Gatehouse.Gateway.Tests.TestObjects;

namespace Gatehouse.Gateway.Tests.Configuration;

/// <summary>
/// Snapshots follow the model by difference: unrelated changes keep every service route (round-robin position,
/// upstream CA set, pool) and build no TLS context; a change rebuilds only what it touches.
/// </summary>
public sealed class SnapshotBuilderTests
{
    private static readonly TestCert ShopCert = ServerCert("shop.test");
    private static readonly TestCert ShopCertRotated = ServerCert("shop.test");
    private static readonly TestCert ClientLeaf = ClientCert();
    private static readonly TestCert ClientLeafRotated = ClientCert();
    private const string ClientId = "01cccccccccccccccccccccccc";

    private readonly Keyring _keyring = Keyring.Generate();
    private readonly ConfigCodec _codec;
    private readonly TlsContextCache _contexts;
    private readonly SnapshotBuilder _builder;

    public SnapshotBuilderTests()
    {
        _codec = new ConfigCodec(TimeProvider.System, _keyring);
        var factory = new ServerTlsOptionsFactory(_keyring, TimeProvider.System);
        _contexts = new TlsContextCache(factory);
        _builder = new SnapshotBuilder(_contexts, factory);
    }

    [Fact]
    public void Loading_builds_routes_but_no_tls_context()
    {
        var snapshot = Load(SslItem("shop", ShopCert, 2), ServiceItem(Service("web", ["shop.test"]), 3));

        Assert.Equal(3, snapshot.Revision);
        Assert.Equal("web", snapshot.HttpsRoutes.Match("shop.test", "/")?.Service.Id);
        Assert.Equal(0, _contexts.Builds);
        Assert.Equal(0, _contexts.Count);
    }

    [Fact]
    public void A_certificate_rotation_keeps_every_service_route_and_its_round_robin_position()
    {
        var upstream = Upstream(targets: [new TargetRecord("a.test", 1, 1), new TargetRecord("b.test", 2, 1)]);
        var first = Load(SslItem("shop", ShopCert, 2), ServiceItem(Service("web", ["shop.test"], upstream: upstream), 3));
        var route = first.Routes["web"];
        Assert.Equal("a.test", route.Targets.Next()?.Host);
        var built = _builder.RouteBuilds;

        var rotated = Apply(new WatchEvent.Put(SslItem("shop", ShopCertRotated, 4)));

        Assert.Same(route, rotated.Routes["web"]);
        Assert.Same(first.HttpsRoutes, rotated.HttpsRoutes);
        Assert.Equal(built, _builder.RouteBuilds);
        // The schedule goes on where it was: the next pick is the second target, not the first again.
        Assert.Equal("b.test", rotated.HttpsRoutes.Match("shop.test", "/")?.Targets.Next()?.Host);
    }

    [Fact]
    public void A_service_change_rebuilds_that_service_route_only()
    {
        var first = Load(ServiceItem(Service("web", ["shop.test"]), 2), ServiceItem(Service("api", ["api.test"]), 3));
        var built = _builder.RouteBuilds;

        var changed = Apply(new WatchEvent.Put(ServiceItem(Service("api", ["api.test"], "/v2"), 4)));

        Assert.Same(first.Routes["web"], changed.Routes["web"]);
        Assert.NotSame(first.Routes["api"], changed.Routes["api"]);
        Assert.Equal(built + 1, _builder.RouteBuilds);
        Assert.Equal("api", changed.HttpRoutes.Match("api.test", "/v2/x")?.Service.Id);
        Assert.Null(changed.HttpRoutes.Match("api.test", "/x"));
    }

    [Fact]
    public void Rotating_a_client_object_rebuilds_the_routes_that_present_it()
    {
        var upstream = Upstream("https", clientSslId: ClientId);
        var first = Load(SslItem(ClientId, ClientLeaf, 2, SslObjectType.Client), ServiceItem(Service("mtls", ["m.test"], upstream: upstream), 3),
            ServiceItem(Service("web", ["w.test"]), 4));

        var rotated = Apply(new WatchEvent.Put(SslItem(ClientId, ClientLeafRotated, 5, SslObjectType.Client)));

        Assert.NotSame(first.Routes["mtls"], rotated.Routes["mtls"]);
        Assert.Equal(5, rotated.Routes["mtls"].ClientModel?.Revision);
        Assert.NotEqual(first.Routes["mtls"].Profile, rotated.Routes["mtls"].Profile);
        Assert.Same(first.Routes["web"], rotated.Routes["web"]);
        Assert.False(rotated.Routes["mtls"].ClientMissing);
    }

    [Fact]
    public void A_rotation_drops_only_that_objects_tls_context()
    {
        Load(SslItem("shop", ShopCert, 2), SslItem("blog", ServerCert("blog.test"), 3));
        var model = _model;
        var shop = _contexts.Get(model.Ssls["shop"]);
        var blog = _contexts.Get(model.Ssls["blog"]);

        Apply(new WatchEvent.Put(SslItem("shop", ShopCertRotated, 4)));

        Assert.Same(blog, _contexts.Get(_model.Ssls["blog"]));
        Assert.NotSame(shop, _contexts.Get(_model.Ssls["shop"]));
        Assert.Equal(3, _contexts.Builds);
    }

    private ConfigModel _model = ConfigModel.Empty;

    private GatewaySnapshot Load(params StoreItem[] items)
    {
        _model = ConfigModel.Load(items, items.Max(i => i.ModRevision), _codec);
        return _builder.Apply(_model, ConfigDelta.Everything);
    }

    private GatewaySnapshot Apply(params WatchEvent[] changes)
    {
        _model = _model.Apply(changes, _codec, out var delta);
        return _builder.Apply(_model, delta);
    }

    private StoreItem SslItem(string id, TestCert cert, long revision, SslObjectType type = SslObjectType.Server)
    {
        var record = Record(id, cert, type: type, key: _keyring.Encrypt(cert.KeyPem, StoreKeys.Ssl(id)));
        return new StoreItem(StoreKeys.Ssl(id), ConfigCodec.Encode(record), revision, 1);
    }

    private static StoreItem ServiceItem(ServiceRecord service, long revision) =>
        new(StoreKeys.Service(service.Id), ConfigCodec.Encode(service), revision, 1);
}
