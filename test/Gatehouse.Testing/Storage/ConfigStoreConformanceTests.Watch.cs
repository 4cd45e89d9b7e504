using Gatehouse.Storage;
using Xunit;

namespace Gatehouse.Testing.Storage;

public abstract partial class ConfigStoreConformanceTests
{
    [Fact]
    public async Task Watch_delivers_history_then_live_puts_and_deletes_in_revision_order()
    {
        await using var store = await CreateStoreAsync();
        var r1 = (await store.PutAsync("/w/a", "a1")).Revision;
        var r2 = (await store.PutAsync("/w/b", "b1")).Revision;
        await using var watch = new WatchProbe(store, "/w/", r1);

        Assert.Equal<WatchEvent>(
            [new WatchEvent.Put(new("/w/a", "a1", r1, r1)), new WatchEvent.Put(new("/w/b", "b1", r2, r2))],
            await watch.NextAsync(2));

        var r3 = (await store.PutAsync("/w/a", "a2")).Revision;
        var r4 = (await store.DeleteAsync("/w/b")).Revision;
        var r5 = (await store.CommitAsync([], [new StoreMutation.Put("/w/c", "c1"), new StoreMutation.Put("/w/d", "d1")])).Revision;

        Assert.Equal<WatchEvent>(
            [
                new WatchEvent.Put(new("/w/a", "a2", r3, r1)),
                new WatchEvent.Deleted("/w/b", r4),
                new WatchEvent.Put(new("/w/c", "c1", r5, r5)),
                new WatchEvent.Put(new("/w/d", "d1", r5, r5)),
            ],
            await watch.NextAsync(4));
    }

    [Fact]
    public async Task Watch_delivers_only_keys_under_its_prefix()
    {
        await using var store = await CreateStoreAsync();
        var start = await CurrentRevisionAsync(store);
        await store.PutAsync("/w/b/1", "x");
        var first = (await store.PutAsync("/w/a/1", "x")).Revision;
        await store.PutAsync("/w/ab", "x");
        await using var watch = new WatchProbe(store, "/w/a/", start + 1);

        Assert.Equal(new WatchEvent.Put(new("/w/a/1", "x", first, first)), await watch.NextAsync());

        await store.PutAsync("/w/b/2", "x");
        await store.PutAsync("/w/a", "x");
        var second = (await store.PutAsync("/w/a/2", "x")).Revision;
        await store.DeleteAsync("/w/ab");
        // The sentinel proves that nothing from another prefix came before it.
        var sentinel = (await store.PutAsync("/w/a/end", "x")).Revision;

        Assert.Equal<WatchEvent>(
            [new WatchEvent.Put(new("/w/a/2", "x", second, second)), new WatchEvent.Put(new("/w/a/end", "x", sentinel, sentinel))],
            await watch.NextAsync(2));
    }

    [Fact]
    public async Task Watch_from_the_revision_of_a_delete_sees_the_tombstone()
    {
        await using var store = await CreateStoreAsync();
        var created = (await store.PutAsync("/w/k", "v")).Revision;
        var deleted = (await store.DeleteAsync("/w/k")).Revision;
        await using var fromDelete = new WatchProbe(store, "/w/", deleted);
        await using var fromCreate = new WatchProbe(store, "/w/k", created);

        Assert.Equal(new WatchEvent.Deleted("/w/k", deleted), await fromDelete.NextAsync());
        Assert.Equal<WatchEvent>(
            [new WatchEvent.Put(new("/w/k", "v", created, created)), new WatchEvent.Deleted("/w/k", deleted)],
            await fromCreate.NextAsync(2));
    }

    [Fact]
    public async Task Watch_from_a_future_revision_waits_for_it()
    {
        await using var store = await CreateStoreAsync();
        var current = (await store.PutAsync("/w/k", "v1")).Revision;
        await using var watch = new WatchProbe(store, "/w/", current + 2);

        await store.PutAsync("/w/k", "v2");
        await store.PutAsync("/w/k", "v3");

        Assert.Equal(new WatchEvent.Put(new("/w/k", "v3", current + 2, current)), await watch.NextAsync());
    }

    [Fact]
    public async Task Watch_from_a_compacted_revision_yields_Compacted_and_ends()
    {
        await using var store = await CreateStoreAsync();
        var r1 = (await store.PutAsync("/w/k", "v1")).Revision;
        var r2 = (await store.PutAsync("/w/k", "v2")).Revision;
        var r3 = (await store.PutAsync("/w/k", "v3")).Revision;

        await CompactAsync(store, r2);

        await using (var stale = new WatchProbe(store, "/w/", r1))
        {
            var compacted = Assert.IsType<WatchEvent.Compacted>(await stale.NextAsync());
            Assert.InRange(compacted.CompactedRevision, r1, r3 - 1);
            await stale.AssertEndedAsync();
        }

        await using var retained = new WatchProbe(store, "/w/", r3);
        Assert.Equal(new WatchEvent.Put(new("/w/k", "v3", r3, r1)), await retained.NextAsync());
        Assert.Equal(new StoreItem("/w/k", "v3", r3, r1), await store.GetAsync("/w/k"));
    }
}
