using Gatehouse.Core.Secrets;
using Gatehouse.Core.Ssl;
using Gatehouse.Storage;
using Gatehouse.Testing.Pki;
using static Gatehouse.Configuration.Tests.StoredItems;

namespace Gatehouse.Configuration.Tests;

/// <summary>
/// Folding store items into the model every role reads: bad items keep their last good revision and are reported,
/// and a change touches only the entries of what it names.
/// </summary>
public sealed class ConfigModelTests
{
    private static readonly TestCert ShopCert = ServerCert("shop.test");
    private static readonly TestCert ShopCertRotated = ServerCert("shop.test");
    private static readonly TestCert BlogCert = ServerCert("blog.test");
    private static readonly TestCert ClientLeaf = ClientCert();

    private readonly StoredItems _items = new();

    private ConfigModel Load(params StoreItem[] items) =>
        ConfigModel.Load(items, items.Length == 0 ? 1 : items.Max(i => i.ModRevision), _items.Codec);

    private ConfigModel Apply(ConfigModel model, params WatchEvent[] changes) => model.Apply(changes, _items.Codec, out _);

    [Fact]
    public void Load_holds_server_and_client_objects()
    {
        var model = Load(_items.Ssl("shop", ShopCert, 2), _items.Ssl("client", ClientLeaf, 3, SslObjectType.Client));

        Assert.Equal(3, model.Revision);
        Assert.Equal(["client", "shop"], model.Ssls.Keys.Order());
        Assert.Empty(model.BadKeys);
        Assert.Equal("shop", model.Sni.Select("shop.test", Now)?.Id);
        Assert.Null(model.Sni.Select("client.test", Now));
        Assert.Equal(1, model.CountSsls(SslObjectType.Server));
        Assert.Equal(1, model.CountSsls(SslObjectType.Client));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("null")]
    public void Undecodable_item_keeps_the_last_good_revision_and_is_listed(string value)
    {
        var model = Apply(Load(_items.Ssl("shop", ShopCert, 2)), new WatchEvent.Put(new StoreItem(StoreKeys.Ssl("shop"), value, 4, 2)));

        Assert.Equal(2, model.Ssls["shop"].Revision);
        Assert.Equal([StoreKeys.Ssl("shop")], model.BadKeys);
        // If-Match and the delete's condition name the raw revision of the bad value.
        Assert.Equal(4, model.RevisionOf(StoreKeys.Ssl("shop")));
    }

    [Fact]
    public void Key_the_keyring_cannot_decrypt_keeps_the_last_good_revision()
    {
        var foreign = Keyring.Generate().Encrypt(ShopCertRotated.KeyPem, StoreKeys.Ssl("shop"));
        var model = Apply(Load(_items.Ssl("shop", ShopCert, 2)), new WatchEvent.Put(_items.Ssl("shop", ShopCertRotated, 4, key: foreign)));

        Assert.Equal(ShopCert.FingerprintSha256, model.Ssls["shop"].Facts.FingerprintSha256);
        Assert.Equal([StoreKeys.Ssl("shop")], model.BadKeys);
    }

    [Fact]
    public void Key_encrypted_for_another_storage_key_is_bad()
    {
        var elsewhere = _items.Keyring.Encrypt(ShopCert.KeyPem, StoreKeys.Ssl("other"));

        var model = Load(_items.Ssl("shop", ShopCert, 2, key: elsewhere));

        Assert.Empty(model.Ssls);
        Assert.Equal([StoreKeys.Ssl("shop")], model.BadKeys);
    }

    [Fact]
    public void Item_failing_the_certificate_checks_is_bad()
    {
        // A server certificate with only the clientAuth EKU fails validation when read back.
        var item = _items.Ssl("shop", ClientLeaf, 2, SslObjectType.Server);

        Assert.Equal([StoreKeys.Ssl("shop")], Load(item).BadKeys);
    }

    [Fact]
    public void Good_revision_after_a_bad_one_clears_the_report()
    {
        var model = Apply(Load(_items.Ssl("shop", ShopCert, 2)), new WatchEvent.Put(new StoreItem(StoreKeys.Ssl("shop"), "garbage", 3, 2)));

        model = Apply(model, new WatchEvent.Put(_items.Ssl("shop", ShopCertRotated, 4)));

        Assert.Empty(model.BadKeys);
        Assert.Equal(4, model.Ssls["shop"].Revision);
        Assert.Equal(ShopCertRotated.FingerprintSha256, model.Sni.Select("shop.test", Now)?.Facts.FingerprintSha256);
    }

    [Fact]
    public void Delete_removes_the_object_its_index_entries_and_its_report()
    {
        var model = Load(_items.Ssl("shop", ShopCert, 2), _items.Ssl("client", ClientLeaf, 3, SslObjectType.Client));
        model = Apply(model, new WatchEvent.Put(new StoreItem(StoreKeys.Ssl("shop"), "garbage", 4, 2)));

        model = Apply(model, new WatchEvent.Deleted(StoreKeys.Ssl("shop"), 5), new WatchEvent.Deleted(StoreKeys.Ssl("client"), 6));

        Assert.Empty(model.Ssls);
        Assert.Empty(model.BadKeys);
        Assert.Null(model.Sni.Select("shop.test", Now));
        Assert.Equal(0, model.CountSsls(SslObjectType.Server) + model.CountSsls(SslObjectType.Client));
        Assert.Equal(6, model.Revision);
        Assert.Null(model.RevisionOf(StoreKeys.Ssl("shop")));
    }

    [Fact]
    public void A_change_leaves_every_other_object_and_its_entries_as_they_were()
    {
        var before = Load(_items.Ssl("shop", ShopCert, 2), _items.Ssl("blog", BlogCert, 3));

        var after = Apply(before, new WatchEvent.Put(_items.Ssl("shop", ShopCertRotated, 4)));

        // The untouched object is the very same instance, in the model and in its SNI bucket: nothing of it was rebuilt.
        Assert.Same(before.Ssls["blog"], after.Ssls["blog"]);
        Assert.Same(before.Sni.Select("blog.test", Now), after.Sni.Select("blog.test", Now));
        Assert.NotSame(before.Ssls["shop"], after.Ssls["shop"]);
        // The model it was applied to is unchanged (snapshots are immutable).
        Assert.Equal(ShopCert.FingerprintSha256, before.Sni.Select("shop.test", Now)?.Facts.FingerprintSha256);
    }

    [Fact]
    public void A_resync_reuses_every_object_whose_revision_did_not_change()
    {
        var before = Load(_items.Ssl("shop", ShopCert, 2), _items.Ssl("blog", BlogCert, 3));

        var after = ConfigModel.Load([_items.Ssl("shop", ShopCertRotated, 9), _items.Ssl("blog", BlogCert, 3)], 9, _items.Codec, before);

        Assert.Same(before.Ssls["blog"], after.Ssls["blog"]);
        Assert.Equal(9, after.Ssls["shop"].Revision);
    }

    [Fact]
    public void Stored_service_without_protocols_is_a_bad_item_not_an_error()
    {
        var item = new StoreItem(StoreKeys.Service("web"),
            ConfigCodec.Encode(ServiceRecord("web", ["shop.test"])).Replace("\"protocols\":[\"http\",\"https\"],", ""), 3, 3);
        Assert.DoesNotContain("protocols", item.Value);

        var model = Load(_items.Ssl("shop", ShopCert, 2), item);

        Assert.Empty(model.Services);
        Assert.Equal([StoreKeys.Service("web")], model.BadKeys);
        Assert.Empty(model.ServicesAffectedBy(["shop.test"]));
    }

    [Theory]
    [InlineData("Shop.Test", "/")]      // hosts are stored normalised
    [InlineData("shop.test", "/api/")]  // and prefixes without a trailing slash
    [InlineData("192.0.2.1", "/")]
    [InlineData("shop.test", "api")]
    public void Bad_service_keeps_its_last_good_revision(string host, string prefix)
    {
        var model = Load(Service(ServiceRecord("web", ["shop.test"]), 3));

        model = Apply(model, new WatchEvent.Put(Service(ServiceRecord("web", [host], prefix), 4)));

        Assert.Equal(3, model.Services["web"].Revision);
        Assert.Equal([StoreKeys.Service("web")], model.BadKeys);
    }

    [Fact]
    public void Service_stored_under_another_id_is_bad()
    {
        var model = Load(new StoreItem(StoreKeys.Service("elsewhere"), ConfigCodec.Encode(ServiceRecord("web", ["shop.test"])), 3, 3));

        Assert.Empty(model.Services);
        Assert.Equal([StoreKeys.Service("elsewhere")], model.BadKeys);
    }

    [Fact]
    public void The_write_fence_is_tracked_not_loaded()
    {
        var model = Apply(Load(new StoreItem(StoreKeys.WriteFence, "{}", 7, 1)), new WatchEvent.Put(new StoreItem(StoreKeys.WriteFence, "{}", 8, 1)));

        Assert.Equal(8, model.FenceRevision);
        Assert.Equal(8, model.Revision);
        Assert.Empty(model.BadKeys);
        Assert.Empty(model.Ssls);
    }
}
