using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Gatehouse.Storage.Sqlite.Tests;

/// <summary>
/// A paged listing reads each row once (DESIGN.md §11): every page seeks straight to the key after the previous page,
/// so listing in many small pages costs about what one page costs. Counted in SQLite virtual-machine steps, not time.
/// </summary>
public sealed class SqlitePagingCostTests : IDisposable
{
    private const int Keys = 2_000;
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task Listing_in_small_pages_steps_over_each_row_about_once()
    {
        var path = _directory.File("gatehouse.db");
        await using (var store = await SqliteConfigStore.OpenAsync(path))
        {
            await store.CommitAsync([], [.. Enumerable.Range(0, Keys).Select(i => new StoreMutation.Put($"/p/{i:D5}", new string('v', 300)))]);
            await store.PutAsync("/a", "before the prefix");
        }

        var (onePage, onePageRows) = await CountStepsAsync(path, pageSize: Keys + 1);
        var (smallPages, smallPagesRows) = await CountStepsAsync(path, pageSize: 10);

        Assert.Equal(Keys, onePageRows);
        Assert.Equal(Keys, smallPagesRows);
        // 200 pages: with a seek per page the extra cost is per page, not per row already listed (that would be ~100x).
        Assert.True(smallPages < 3 * onePage, $"{smallPages} steps in pages of 10 vs {onePage} in one page");
    }

    [Fact]
    public async Task A_paged_listing_maps_the_file_while_it_runs_and_no_page_of_it_afterwards()
    {
        var path = _directory.File("gatehouse.db");
        await using (var writer = await SqliteConfigStore.OpenAsync(path))
        {
            await writer.PutAsync("/p/1", "one");
        }
        // Closed: the WAL is checkpointed into the file (pages still in the WAL are read with pread, never mapped).
        await using var store = await SqliteConfigStore.OpenAsync(path);
        var pages = 0;
        await foreach (var page in store.ListPagesAsync("/p/"))
        {
            pages++;
            Assert.True(MapsFile(path), "the listing reads the file through a memory map");
        }
        Assert.Equal(1, pages);
        Assert.False(MapsFile(path), "the map ends with the listing");
    }

    [Fact]
    public async Task A_listing_that_fails_to_open_its_snapshot_leaves_no_map_behind_and_no_mapped_connection_in_the_pool()
    {
        var path = _directory.File("gatehouse.db");
        await using (var store = await SqliteConfigStore.OpenAsync(path))
        {
            await store.PutAsync("/p/1", "one");
        }
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path }.ToString();
        await using (var damage = new SqliteConnection(connectionString))
        {
            await damage.OpenAsync();
            await damage.ExecuteAsync("DELETE FROM meta;", CancellationToken.None);
            await damage.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE);", CancellationToken.None);
        }

        // The snapshot's meta read fails after the map was set up.
        await Assert.ThrowsAsync<StoreUnavailableException>(() => PinnedSnapshot.OpenAsync(connectionString, CancellationToken.None));
        Assert.False(MapsFile(path), "a failed open leaves the file mapped");
        await using var plain = new SqliteConnection(connectionString);
        await plain.OpenAsync();
        Assert.Equal(0L, (long)(await plain.ScalarAsync("PRAGMA mmap_size;", CancellationToken.None))!);
    }

    /// <summary>Whether this process maps any page of <paramref name="path"/>.</summary>
    private static bool MapsFile(string path)
    {
        var full = " " + Path.GetFullPath(path);
        return File.ReadLines("/proc/self/maps").Any(line => line.EndsWith(full, StringComparison.Ordinal));
    }

    private static async Task<(long Steps, int Rows)> CountStepsAsync(string path, int pageSize)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly");
        await connection.OpenAsync();
        long steps = 0;
        // The progress handler runs every N virtual-machine instructions: a count of the work SQLite did.
        raw.sqlite3_progress_handler(connection.Handle, 1, _ => { steps++; return 0; }, null);
        var range = KeyRange.ForPrefix("/p/");
        var rows = 0;
        string? after = null;
        while (true)
        {
            var page = await SqliteConfigStore.ReadPageAsync(connection, range, after, pageSize, CancellationToken.None);
            rows += page.Count;
            if (page.Count < pageSize) break;
            after = page[^1].Key;
        }
        raw.sqlite3_progress_handler(connection.Handle, 0, null, null);
        return (steps, rows);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
