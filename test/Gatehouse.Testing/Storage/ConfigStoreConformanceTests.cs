using Gatehouse.Storage;
using Xunit;

namespace Gatehouse.Testing.Storage;

/// <summary>
/// The behaviour every <see cref="IConfigStore"/> backend must show (DESIGN.md §6, etcd semantics).
/// A backend's test project derives from this class; each test opens a fresh, empty store it owns alone.
/// Revisions are asserted relative to the store's revision at the start of a test.
/// </summary>
public abstract partial class ConfigStoreConformanceTests
{
    /// <summary>Opens a fresh, empty store; the test disposes it.</summary>
    protected abstract Task<IConfigStore> CreateStoreAsync();

    /// <summary>
    /// Drops the watch history up to and including <paramref name="upToRevision"/> (current values stay).
    /// Backends that can compact override this; the default fails the compaction test.
    /// </summary>
    protected virtual Task CompactAsync(IConfigStore store, long upToRevision) =>
        throw new NotSupportedException($"{GetType().Name} must override {nameof(CompactAsync)} to run the compaction test.");

    [Fact]
    public async Task Get_of_a_missing_key_returns_null()
    {
        await using var store = await CreateStoreAsync();
        await store.PutAsync("/t/present", "1");

        Assert.Null(await store.GetAsync("/t/missing"));
        Assert.Null(await store.GetAsync("/t/present/child"));
    }

    [Fact]
    public async Task Put_then_get_returns_the_value_and_its_revisions()
    {
        await using var store = await CreateStoreAsync();
        var start = await CurrentRevisionAsync(store);

        var put = await store.PutAsync("/t/k", """{"a":1}""");

        Assert.True(put.Succeeded);
        Assert.Equal(start + 1, put.Revision);
        Assert.Equal(new StoreItem("/t/k", """{"a":1}""", start + 1, start + 1), await store.GetAsync("/t/k"));
    }

    [Fact]
    public async Task Every_commit_raises_the_one_global_revision_by_exactly_one()
    {
        await using var store = await CreateStoreAsync();
        var start = await CurrentRevisionAsync(store);

        Assert.Equal(start + 1, (await store.PutAsync("/t/a", "1")).Revision);
        Assert.Equal(start + 2, (await store.PutAsync("/t/b", "1")).Revision);
        Assert.Equal(start + 3, (await store.PutAsync("/t/a", "2")).Revision);
        Assert.Equal(start + 4, (await store.DeleteAsync("/t/b")).Revision);
        var both = await store.CommitAsync([], [new StoreMutation.Put("/t/c", "1"), new StoreMutation.Put("/t/d", "1")]);

        Assert.Equal(new CommitResult(true, start + 5), both);
        Assert.Equal(start + 5, (await store.GetAsync("/t/c"))!.ModRevision);
        Assert.Equal(start + 5, (await store.GetAsync("/t/d"))!.ModRevision);
        Assert.Equal(start + 3, (await store.GetAsync("/t/a"))!.ModRevision);
        Assert.Equal(start + 5, await CurrentRevisionAsync(store));
    }

    [Fact]
    public async Task Commits_that_change_nothing_succeed_without_raising_the_revision()
    {
        await using var store = await CreateStoreAsync();
        var current = (await store.PutAsync("/t/a", "1")).Revision;

        Assert.Equal(new CommitResult(true, current), await store.CommitAsync([], []));
        Assert.Equal(new CommitResult(true, current), await store.DeleteAsync("/t/absent"));
        Assert.Equal(new CommitResult(true, current), await store.CommitAsync([new StoreCondition("/t/a", current)], []));
        Assert.Equal(current, await CurrentRevisionAsync(store));
        Assert.Equal(current + 1, (await store.PutAsync("/t/a", "1")).Revision);
    }

    [Fact]
    public async Task Create_revision_is_kept_on_update_and_reset_after_delete_and_recreate()
    {
        await using var store = await CreateStoreAsync();
        var created = (await store.PutAsync("/t/k", "1")).Revision;
        var updated = (await store.PutAsync("/t/k", "2")).Revision;

        Assert.Equal(new StoreItem("/t/k", "2", updated, created), await store.GetAsync("/t/k"));

        await store.DeleteAsync("/t/k");
        Assert.Null(await store.GetAsync("/t/k"));
        var recreated = (await store.PutAsync("/t/k", "3")).Revision;

        Assert.Equal(new StoreItem("/t/k", "3", recreated, recreated), await store.GetAsync("/t/k"));
    }

    /// <summary>The store's current revision, read through a listing of a prefix nothing uses.</summary>
    protected static async Task<long> CurrentRevisionAsync(IConfigStore store) =>
        (await store.ListAsync("/conformance-revision-probe/")).Revision;
}
