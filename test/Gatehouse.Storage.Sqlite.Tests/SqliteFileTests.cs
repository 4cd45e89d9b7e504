using Gatehouse.Testing.Storage;

namespace Gatehouse.Storage.Sqlite.Tests;

/// <summary>The file-level promises of DESIGN.md §6: WAL, one process, durable across reopen.</summary>
public sealed class SqliteFileTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private string DatabasePath => _directory.File("data/gatehouse.db");

    [Fact]
    public async Task The_file_is_created_in_WAL_journal_mode()
    {
        await using var store = await SqliteConfigStore.OpenAsync(DatabasePath);
        await store.PutAsync("/k", "v");

        Assert.Equal("wal", await SqliteFileProbe.ScalarAsync(DatabasePath, "PRAGMA journal_mode"));
        Assert.True(File.Exists(DatabasePath + ".lock"));
    }

    [Fact]
    public async Task A_second_open_of_the_same_file_fails_until_the_first_is_disposed()
    {
        var first = await SqliteConfigStore.OpenAsync(DatabasePath);
        await first.PutAsync("/k", "v");

        var refused = await Assert.ThrowsAsync<StoreUnavailableException>(
            () => SqliteConfigStore.OpenAsync(Path.Combine(_directory.Path, "data", "..", "data", "gatehouse.db")));
        Assert.Contains("in use by another process", refused.Message);
        Assert.Equal("v", (await first.GetAsync("/k"))!.Value);

        await first.DisposeAsync();
        await using var second = await SqliteConfigStore.OpenAsync(DatabasePath);
        Assert.Equal("v", (await second.GetAsync("/k"))!.Value);
    }

    [Fact]
    public async Task A_reopened_store_sees_every_write_and_continues_the_revision()
    {
        long last;
        await using (var store = await SqliteConfigStore.OpenAsync(DatabasePath))
        {
            await store.PutAsync("/k/1", "one");
            await store.CommitAsync([], [new StoreMutation.Put("/k/2", "two"), new StoreMutation.Put("/k/3", "three")]);
            last = (await store.DeleteAsync("/k/3")).Revision;
            await store.CompactAsync(1);
        }

        await using var reopened = await SqliteConfigStore.OpenAsync(DatabasePath);
        var listing = await reopened.ListAsync("/k/");

        Assert.Equal(3, last);
        Assert.Equal(last, listing.Revision);
        Assert.Equal([new StoreItem("/k/1", "one", 1, 1), new StoreItem("/k/2", "two", 2, 2)], listing.Items);
        Assert.Equal(new CommitResult(true, last + 1), await reopened.PutAsync("/k/1", "uno", expectedModRevision: 1));
        await using var watch = new WatchProbe(reopened, "/k/", 1);
        Assert.Equal(new WatchEvent.Compacted(1), await watch.NextAsync());
    }

    public void Dispose() => _directory.Dispose();
}
