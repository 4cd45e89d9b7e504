using System.Diagnostics;
using Gatehouse.Testing.Storage;

namespace Gatehouse.Storage.Sqlite.Tests;

/// <summary>How a SQLite watch learns of commits.</summary>
public sealed class SqliteWatchTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task A_local_commit_wakes_the_watch_without_waiting_for_the_poll()
    {
        var options = new SqliteStoreOptions { WatchPollInterval = TimeSpan.FromMinutes(5) };
        await using var store = await SqliteConfigStore.OpenAsync(_directory.File("gatehouse.db"), options);
        await using var watch = new WatchProbe(store, "/w/", 1, timeout: TimeSpan.FromSeconds(10));
        await store.PutAsync("/w/first", "v");
        Assert.IsType<WatchEvent.Put>(await watch.NextAsync());

        // Let the watch settle into its wait before the commit that must wake it.
        await Task.Delay(50);
        var clock = Stopwatch.StartNew();
        await store.PutAsync("/w/second", "v");
        var delivered = await watch.NextAsync();

        Assert.Equal("/w/second", Assert.IsType<WatchEvent.Put>(delivered).Item.Key);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"Delivered after {clock.Elapsed.TotalMilliseconds:0} ms.");
    }

    [Fact]
    public async Task Disposing_the_store_ends_its_watches_with_ObjectDisposedException()
    {
        var store = await SqliteConfigStore.OpenAsync(_directory.File("gatehouse.db"));
        var enumerator = store.WatchAsync("/w/", 1).GetAsyncEnumerator();
        var waiting = enumerator.MoveNextAsync().AsTask();

        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.GetAsync("/w/k"));
    }

    public void Dispose() => _directory.Dispose();
}
