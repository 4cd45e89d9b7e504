using Gatehouse.Core.Secrets;
using Gatehouse.Core.Services;
using Gatehouse.Core.Ssl;
using Gatehouse.Gateway.Configuration;
using Gatehouse.Gateway.Tls;
using Gatehouse.Storage;
using Gatehouse.Testing.Pki;
using Microsoft.Extensions.Logging.Abstractions;
using static Gatehouse.Gateway.Tests.TestObjects;

namespace Gatehouse.Gateway.Tests.Configuration;

/// <summary>Folding store items into snapshots: bad items keep their last good revision and are reported.</summary>
public sealed class SnapshotBuilderTests
{
    private static readonly TestCert ShopCert = ServerCert("shop.test");
    private static readonly TestCert ShopCertRotated = ServerCert("shop.test");
    private static readonly TestCert ClientLeaf = ClientCert();

    private readonly Keyring _keyring = Keyring.Generate();
    private readonly SnapshotBuilder _builder;

    public SnapshotBuilderTests() =>
        _builder = new SnapshotBuilder(new ConfigCodec(TimeProvider.System), new ServerTlsOptionsFactory(_keyring, TimeProvider.System),
            NullLogger<SnapshotBuilder>.Instance, TimeProvider.System);

    [Fact]
    public void Reset_loads_server_and_client_objects()
    {
        _builder.Reset([SslItem("shop", ShopCert, 2), SslItem("client", ClientLeaf, 3, SslObjectType.Client)]);

        var snapshot = _builder.Build(3);

        Assert.Equal(3, snapshot.Revision);
        Assert.Equal(["shop"], snapshot.Served.Keys);
        Assert.Equal(["client"], snapshot.Clients.Keys);
        Assert.Equal(["client", "shop"], snapshot.All.Keys.Order());
        Assert.Empty(snapshot.BadKeys);
        Assert.Equal("shop", snapshot.Sni.Select("shop.test", Now)?.Id);
        Assert.NotNull(snapshot.Served["shop"].TlsOptions.ServerCertificateContext);
    }

    [Fact]
    public void Tls_options_are_built_once_per_object_revision()
    {
        _builder.Reset([SslItem("shop", ShopCert, 2)]);
        var first = _builder.Build(2).Served["shop"].TlsOptions;

        _builder.Reset([SslItem("shop", ShopCert, 2)]);
        Assert.Same(first, _builder.Build(2).Served["shop"].TlsOptions);

        _builder.Apply(new WatchEvent.Put(SslItem("shop", ShopCertRotated, 5)));
        Assert.NotSame(first, _builder.Build(5).Served["shop"].TlsOptions);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("null")]
    public void Undecodable_item_keeps_the_last_good_revision_and_is_listed(string value)
    {
        _builder.Reset([SslItem("shop", ShopCert, 2)]);

        _builder.Apply(new WatchEvent.Put(new StoreItem(StoreKeys.Ssl("shop"), value, 4, 2)));
        var snapshot = _builder.Build(4);

        Assert.Equal(2, snapshot.Served["shop"].Model.Revision);
        Assert.Equal(2, snapshot.All["shop"].Revision);
        Assert.Equal([StoreKeys.Ssl("shop")], snapshot.BadKeys);
    }

    [Fact]
    public void Key_the_keyring_cannot_decrypt_keeps_the_last_good_revision()
    {
        _builder.Reset([SslItem("shop", ShopCert, 2)]);

        var foreign = Keyring.Generate().Encrypt(ShopCertRotated.KeyPem, StoreKeys.Ssl("shop"));
        _builder.Apply(new WatchEvent.Put(SslItem("shop", ShopCertRotated, 4, key: foreign)));
        var snapshot = _builder.Build(4);

        Assert.Equal(ShopCert.FingerprintSha256, snapshot.Served["shop"].Model.Facts.FingerprintSha256);
        Assert.Equal([StoreKeys.Ssl("shop")], snapshot.BadKeys);
    }

    [Fact]
    public void Key_encrypted_for_another_storage_key_is_bad()
    {
        var elsewhere = _keyring.Encrypt(ShopCert.KeyPem, StoreKeys.Ssl("other"));

        _builder.Reset([SslItem("shop", ShopCert, 2, key: elsewhere)]);
        var snapshot = _builder.Build(2);

        Assert.Empty(snapshot.Served);
        Assert.Empty(snapshot.All);
        Assert.Equal([StoreKeys.Ssl("shop")], snapshot.BadKeys);
    }

    [Fact]
    public void Item_failing_the_certificate_checks_is_bad()
    {
        // A server certificate with only the clientAuth EKU fails validation when read back.
        var record = Record("shop", ClientLeaf, key: _keyring.Encrypt(ClientLeaf.KeyPem, StoreKeys.Ssl("shop")));
        _builder.Reset([new StoreItem(StoreKeys.Ssl("shop"), ConfigCodec.Encode(record), 2, 2)]);

        Assert.Equal([StoreKeys.Ssl("shop")], _builder.Build(2).BadKeys);
    }

    [Fact]
    public void Good_revision_after_a_bad_one_clears_the_report()
    {
        _builder.Reset([SslItem("shop", ShopCert, 2)]);
        _builder.Apply(new WatchEvent.Put(new StoreItem(StoreKeys.Ssl("shop"), "garbage", 3, 2)));

        _builder.Apply(new WatchEvent.Put(SslItem("shop", ShopCertRotated, 4)));
        var snapshot = _builder.Build(4);

        Assert.Empty(snapshot.BadKeys);
        Assert.Equal(4, snapshot.Served["shop"].Model.Revision);
        Assert.Equal(ShopCertRotated.FingerprintSha256, snapshot.Served["shop"].Model.Facts.FingerprintSha256);
    }

    [Fact]
    public void Delete_removes_the_object_and_its_report()
    {
        _builder.Reset([SslItem("shop", ShopCert, 2), SslItem("client", ClientLeaf, 3, SslObjectType.Client)]);
        _builder.Apply(new WatchEvent.Put(new StoreItem(StoreKeys.Ssl("shop"), "garbage", 4, 2)));

        _builder.Apply(new WatchEvent.Deleted(StoreKeys.Ssl("shop"), 5));
        _builder.Apply(new WatchEvent.Deleted(StoreKeys.Ssl("client"), 6));
        var snapshot = _builder.Build(6);

        Assert.Empty(snapshot.Served);
        Assert.Empty(snapshot.Clients);
        Assert.Empty(snapshot.All);
        Assert.Empty(snapshot.BadKeys);
        Assert.Null(snapshot.Sni.Select("shop.test", Now));
    }

    [Fact]
    public void Reset_drops_keys_missing_from_the_listing()
    {
        _builder.Reset([SslItem("shop", ShopCert, 2), ServiceItem(Service("web", ["shop.test"]), 3)]);
        _builder.Apply(new WatchEvent.Put(new StoreItem(StoreKeys.Ssl("broken"), "garbage", 4, 4)));

        _builder.Reset([]);
        var snapshot = _builder.Build(10);

        Assert.Empty(snapshot.Served);
        Assert.Empty(snapshot.Services);
        Assert.Empty(snapshot.BadKeys);
    }

    [Fact]
    public void Services_are_folded_and_routed()
    {
        _builder.Reset([SslItem("shop", ShopCert, 2), ServiceItem(Service("web", ["shop.test"]), 3)]);
        _builder.Apply(new WatchEvent.Put(ServiceItem(Service("api", ["shop.test"], "/api"), 4)));
        var snapshot = _builder.Build(4);

        Assert.Equal(["api", "web"], snapshot.Services.Keys.Order());
        Assert.Equal("api", snapshot.HttpsRoutes.Match("shop.test", "/api/x")?.Service.Id);
        Assert.Equal("web", snapshot.HttpRoutes.Match("shop.test", "/x")?.Service.Id);

        _builder.Apply(new WatchEvent.Deleted(StoreKeys.Service("api"), 5));
        snapshot = _builder.Build(5);

        Assert.Equal(["web"], snapshot.Services.Keys);
        Assert.Equal("web", snapshot.HttpsRoutes.Match("shop.test", "/api/x")?.Service.Id);
    }

    [Theory]
    [InlineData("Shop.Test", "/")]      // hosts are stored normalised
    [InlineData("shop.test", "/api/")]  // and prefixes without a trailing slash
    [InlineData("192.0.2.1", "/")]
    [InlineData("shop.test", "api")]
    public void Bad_service_keeps_its_last_good_revision(string host, string prefix)
    {
        _builder.Reset([ServiceItem(Service("web", ["shop.test"]), 3)]);

        _builder.Apply(new WatchEvent.Put(ServiceItem(Service("web", [host], prefix), 4)));
        var snapshot = _builder.Build(4);

        Assert.Equal(3, snapshot.Services["web"].Revision);
        Assert.Equal([StoreKeys.Service("web")], snapshot.BadKeys);
    }

    [Fact]
    public void Service_stored_under_another_id_is_bad()
    {
        var item = new StoreItem(StoreKeys.Service("elsewhere"), ConfigCodec.Encode(Service("web", ["shop.test"])), 3, 3);

        _builder.Reset([item]);

        Assert.Empty(_builder.Build(3).Services);
        Assert.Equal([StoreKeys.Service("elsewhere")], _builder.Build(3).BadKeys);
    }

    [Fact]
    public void Keys_outside_objects_and_services_are_ignored()
    {
        _builder.Reset([new StoreItem(StoreKeys.WriteFence, "7", 7, 1)]);
        _builder.Apply(new WatchEvent.Put(new StoreItem(StoreKeys.WriteFence, "8", 8, 1)));

        var snapshot = _builder.Build(8);

        Assert.Empty(snapshot.BadKeys);
        Assert.Empty(snapshot.All);
    }

    private StoreItem SslItem(string id, TestCert cert, long revision, SslObjectType type = SslObjectType.Server, EncryptedSecret? key = null)
    {
        var record = Record(id, cert, type: type, key: key ?? _keyring.Encrypt(cert.KeyPem, StoreKeys.Ssl(id)));
        return new StoreItem(StoreKeys.Ssl(id), ConfigCodec.Encode(record), revision, 1);
    }

    private static StoreItem ServiceItem(ServiceRecord service, long revision) =>
        new(StoreKeys.Service(service.Id), ConfigCodec.Encode(service), revision, 1);
}
