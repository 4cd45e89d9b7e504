using Gatehouse.Core.Ssl;
using Gatehouse.Storage;
using Gatehouse.Testing.Pki;
using static Gatehouse.Configuration.Tests.StoredItems;

namespace Gatehouse.Configuration.Tests;

/// <summary>The model's indexes: pages by id, expiry, the services a change can affect, and the counts metrics read.</summary>
public sealed class ConfigModelQueryTests
{
    private const string A = "01aaaaaaaaaaaaaaaaaaaaaaaa", B = "01bbbbbbbbbbbbbbbbbbbbbbbb", C = "01cccccccccccccccccccccccc", D = "01dddddddddddddddddddddddd";

    private static readonly StoredItems Items = new();

    private static readonly ConfigModel Model = ConfigModel.Load(
    [
        Items.Ssl(A, ServerCert("a.test", Now.AddDays(5)), 2),
        Items.Ssl(B, ServerCert("b.test", Now.AddDays(-2)), 3),
        Items.Ssl(C, ClientCert(), 4, SslObjectType.Client),
        Items.Ssl(D, ServerCert("*.wild.test"), 5),
        Service(ServiceRecord("svc-exact", ["x.wild.test"]), 6),
        Service(ServiceRecord("svc-wild", ["*.wild.test"]), 7),
        Service(ServiceRecord("svc-a", ["a.test"], clientSslId: C), 8),
        Service(ServiceRecord("svc-other", ["other.test"]), 9),
    ], 9, Items.Codec);

    [Fact]
    public void Pages_follow_id_order_after_the_cursor_and_by_type()
    {
        Assert.Equal([A, B, C, D], Model.SslsInIdOrder().Select(m => m.Id));
        Assert.Equal([C, D], Model.SslsInIdOrder(B).Select(m => m.Id));
        Assert.Equal([C, D], Model.SslsInIdOrder("01bc").Select(m => m.Id));
        Assert.Equal([B, D], Model.SslsInIdOrder(A, SslObjectType.Server).Select(m => m.Id));
        Assert.Equal([C], Model.SslsInIdOrder(null, SslObjectType.Client).Select(m => m.Id));
        Assert.Equal(["svc-other", "svc-wild"], Model.ServicesInIdOrder("svc-exact").Select(s => s.Id));
    }

    [Fact]
    public void Expiring_lists_expired_and_soon_expiring_objects_in_id_order()
    {
        Assert.Equal([A, B], Model.ExpiringBy(Now.AddDays(30)).Select(m => m.Id));
        Assert.Equal([B], Model.ExpiringBy(Now).Select(m => m.Id));
        Assert.Empty(Model.ExpiringBy(Now, SslObjectType.Client));
    }

    [Fact]
    public void Counts_follow_the_clock()
    {
        Assert.Equal(3, Model.CountSsls(SslObjectType.Server));
        Assert.Equal(1, Model.CountExpired(SslObjectType.Server, Now));
        Assert.Equal(2, Model.CountExpired(SslObjectType.Server, Now.AddDays(6)));
        Assert.Equal(0, Model.CountNotYetValid(SslObjectType.Server, Now));
        Assert.Equal(2, Model.CountNotYetValid(SslObjectType.Server, Now.AddDays(-28)));
        Assert.Equal(2, Model.CountExpiringBy(Now.AddDays(30)));
    }

    [Fact]
    public void A_change_affects_only_the_services_on_its_names()
    {
        // An exact name: its own host and the wildcard host above it (an exact object shadows the wildcard one there).
        Assert.Equal(["svc-exact", "svc-wild"], Model.ServicesAffectedBy(["x.wild.test"]).Select(s => s.Id));
        Assert.Equal(["svc-wild"], Model.ServicesAffectedBy(["y.wild.test"]).Select(s => s.Id));
        // A wildcard name: every host one label under it, and the wildcard host.
        Assert.Equal(["svc-exact", "svc-wild"], Model.ServicesAffectedBy(["*.wild.test"]).Select(s => s.Id));
        Assert.Equal(["svc-a"], Model.ServicesAffectedBy(["a.test"]).Select(s => s.Id));
        Assert.Empty(Model.ServicesAffectedBy(["nothing.test"]));
        Assert.Equal(["svc-a"], Model.ServicesUsingClient(C).Select(s => s.Id));
        Assert.Equal(["svc-other"], Model.ServicesOnHost("other.test").Select(s => s.Id));
    }

    [Fact]
    public void Validity_instants_of_server_objects_are_found_by_lookup_and_ranges_list_the_objects_that_cross()
    {
        const string Later = "01eeeeeeeeeeeeeeeeeeeeeeee", Soon = "01ffffffffffffffffffffffff";
        var model = ConfigModel.Load(
        [
            Items.Ssl(Later, TestPki.SelfSigned(new CertSpec { DnsNames = ["later.test"], NotBefore = Now.AddDays(1), NotAfter = Now.AddDays(30) }), 2),
            Items.Ssl(Soon, ServerCert("soon.test", Now.AddDays(5)), 3),
            Items.Ssl(C, ClientCert(), 4, SslObjectType.Client),
        ], 4, Items.Codec);
        var (starts, ends) = (model.Ssls[Later].Facts.NotBefore, model.Ssls[Soon].Facts.NotAfter.AddSeconds(1));

        Assert.Equal(starts, model.NextSelectionInstant(Now));
        Assert.Equal(ends, model.NextSelectionInstant(starts));
        Assert.Equal(model.Ssls[Later].Facts.NotAfter.AddSeconds(1), model.NextSelectionInstant(ends));
        Assert.Null(model.NextSelectionInstant(Now.AddDays(31)));
        Assert.Equal([Later], model.CrossingValidity(Now, starts).Select(m => m.Id));
        Assert.Empty(model.CrossingValidity(starts, ends.AddTicks(-1)));
        Assert.Equal([Later, Soon], model.CrossingValidity(Now, ends).Select(m => m.Id).Order());
        // The client object's validity never changes SNI selection: it is not an instant.
        Assert.DoesNotContain(C, model.CrossingValidity(Now.AddYears(-5), Now.AddYears(5)).Select(m => m.Id));
    }

    [Fact]
    public void Service_indexes_follow_updates_and_deletes()
    {
        var moved = Model.Apply([new WatchEvent.Put(Service(ServiceRecord("svc-a", ["moved.test"]), 10))], Items.Codec, out var delta);
        Assert.Equal(["svc-a"], delta.ServiceIds);
        Assert.Empty(moved.ServicesAffectedBy(["a.test"]));
        Assert.Empty(moved.ServicesUsingClient(C));
        Assert.Equal(["svc-a"], moved.ServicesOnHost("moved.test").Select(s => s.Id));

        var gone = moved.Apply([new WatchEvent.Deleted(StoreKeys.Service("svc-a"), 11)], Items.Codec, out _);
        Assert.Empty(gone.ServicesOnHost("moved.test"));
        Assert.Equal(["svc-a"], Model.ServicesAffectedBy(["a.test"]).Select(s => s.Id));
    }
}
