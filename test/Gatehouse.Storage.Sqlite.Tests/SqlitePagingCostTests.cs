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
    public async Task A_paged_listing_reads_the_file_through_a_memory_map_and_other_connections_do_not()
    {
        var path = _directory.File("gatehouse.db");
        await using (var store = await SqliteConfigStore.OpenAsync(path))
        {
            await store.PutAsync("/p/1", "one");
        }
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path }.ToString();

        await using (var snapshot = await PinnedSnapshot.OpenAsync(connectionString, CancellationToken.None))
        {
            // SQLite answers with the size in effect: 0 when the library was built without memory maps.
            var mapped = (long)(await snapshot.Connection.ScalarAsync("PRAGMA mmap_size;", CancellationToken.None))!;
            Assert.True(mapped >= 1L << 30, $"the listing maps {mapped} bytes");
        }
        await using var plain = new SqliteConnection(connectionString);
        await plain.OpenAsync();
        Assert.Equal(0L, (long)(await plain.ScalarAsync("PRAGMA mmap_size;", CancellationToken.None))!);
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

    public void Dispose() => _directory.Dispose();
}
