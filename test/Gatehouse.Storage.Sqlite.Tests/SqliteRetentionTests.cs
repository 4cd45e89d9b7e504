using Gatehouse.Testing.Storage;

namespace Gatehouse.Storage.Sqlite.Tests;

/// <summary><see cref="SqliteStoreOptions.ChangeRetention"/> bounds the change log.</summary>
public sealed class SqliteRetentionTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private string DatabasePath => _directory.File("gatehouse.db");

    [Fact]
    public async Task The_change_log_is_trimmed_to_the_retention_and_older_watches_get_Compacted()
    {
        await using var store = await SqliteConfigStore.OpenAsync(DatabasePath, new SqliteStoreOptions { ChangeRetention = 5 });
        for (var i = 1; i <= 12; i++)
        {
            Assert.Equal(i, (await store.PutAsync($"/r/{i % 3}", $"v{i}")).Revision);
        }

        Assert.Equal(5L, await SqliteFileProbe.ScalarAsync(DatabasePath, "SELECT COUNT(*) FROM changes"));
        Assert.Equal(7L, await SqliteFileProbe.ScalarAsync(DatabasePath, "SELECT compacted_revision FROM meta"));

        await using (var stale = new WatchProbe(store, "/r/", 1))
        {
            Assert.Equal(new WatchEvent.Compacted(7), await stale.NextAsync());
            await stale.AssertEndedAsync();
        }

        await using var retained = new WatchProbe(store, "/r/", 8);
        var revisions = (await retained.NextAsync(5)).Select(e => Assert.IsType<WatchEvent.Put>(e).Item.ModRevision);
        Assert.Equal([8L, 9, 10, 11, 12], revisions);
        Assert.Equal(3, (await store.ListAsync("/r/")).Items.Count);
    }

    [Fact]
    public async Task Trimming_removes_whole_revisions_so_a_retained_commit_is_complete()
    {
        await using var store = await SqliteConfigStore.OpenAsync(DatabasePath, new SqliteStoreOptions { ChangeRetention = 3 });
        for (var i = 1; i <= 3; i++)
        {
            await store.CommitAsync([], [new StoreMutation.Put("/r/a", $"a{i}"), new StoreMutation.Put("/r/b", $"b{i}")]);
        }

        // Six rows over three revisions; keeping three would split revision 2, so only revision 3 stays.
        Assert.Equal(2L, await SqliteFileProbe.ScalarAsync(DatabasePath, "SELECT COUNT(*) FROM changes"));
        await using var watch = new WatchProbe(store, "/r/", 2);
        Assert.Equal(new WatchEvent.Compacted(2), await watch.NextAsync());
        await using var latest = new WatchProbe(store, "/r/", 3);
        Assert.Equal<WatchEvent>(
            [new WatchEvent.Put(new("/r/a", "a3", 3, 1)), new WatchEvent.Put(new("/r/b", "b3", 3, 1))],
            await latest.NextAsync(2));
    }

    [Fact]
    public async Task A_live_watch_overtaken_by_compaction_gets_Compacted()
    {
        await using var store = await SqliteConfigStore.OpenAsync(DatabasePath);
        await store.PutAsync("/r/k", "v1");
        await using var watch = new WatchProbe(store, "/r/", 1);
        Assert.IsType<WatchEvent.Put>(await watch.NextAsync());

        await store.PutAsync("/r/k", "v2");
        await store.PutAsync("/r/k", "v3");
        await store.CompactAsync(3);

        // The watch read only revision 1 before it was overtaken; the gap must be reported, not skipped.
        Assert.Equal(new WatchEvent.Compacted(3), await watch.NextAsync());
        await watch.AssertEndedAsync();
    }

    public void Dispose() => _directory.Dispose();
}
