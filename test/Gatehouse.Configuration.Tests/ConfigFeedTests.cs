using System.Runtime.CompilerServices;
using Gatehouse.Storage;
using Gatehouse.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using static Gatehouse.Configuration.Tests.StoredItems;

namespace Gatehouse.Configuration.Tests;

/// <summary>Every role follows a real SQLite store through list + watch, and resyncs from a full read after compaction.</summary>
public sealed class ConfigFeedTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gatehouse-watcher-").FullName;
    private SqliteConfigStore _store = null!;

    public async Task InitializeAsync() => _store = await SqliteConfigStore.OpenAsync(Path.Combine(_directory, "store.db"));

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private Task<CommitResult> PutServiceAsync(string id, string host) =>
        _store.PutAsync(StoreKeys.Service(id), ConfigCodec.Encode(ServiceRecord(id, [host])));

    [Fact]
    public async Task A_configuration_larger_than_a_page_loads_in_bounded_pages_at_one_revision_and_the_watch_resumes_after_it()
    {
        const int services = 1_100;
        await _store.CommitAsync([], [.. Enumerable.Range(0, services).Select(i =>
            new StoreMutation.Put(StoreKeys.Service($"s{i:D4}"), ConfigCodec.Encode(ServiceRecord($"s{i:D4}", [$"h{i}.paging.test"]))))]);
        var counting = new Gatehouse.Testing.Storage.CountingStore(_store);
        var holder = new ConfigModelHolder();
        using var feed = new ConfigFeed(counting, new ConfigCodec(TimeProvider.System), holder, NullLogger<ConfigFeed>.Instance);
        await feed.StartAsync(CancellationToken.None);
        try
        {
            await holder.Loaded.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(services, holder.Current.Services.Count);
            Assert.Equal(1, counting.Lists);
            Assert.Equal(3, counting.Pages);
            Assert.Equal(StorePaging.DefaultPageSize, counting.LargestPage);

            var next = await PutServiceAsync("after", "after.paging.test");
            var model = await holder.WaitUntilAsync(m => m.Revision >= next.Revision, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(services + 1, model.Services.Count);
            Assert.Equal(1, counting.Lists);
        }
        finally
        {
            await feed.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_watch_that_falls_behind_a_compaction_resyncs_and_publishes_the_current_state()
    {
        await PutServiceAsync("s1", "one.watch.test");
        await PutServiceAsync("s2", "two.watch.test");
        var gated = new GatedWatchStore(_store);
        var holder = new ConfigModelHolder();
        using var watcher = new ConfigFeed(gated, new ConfigCodec(TimeProvider.System), holder, NullLogger<ConfigFeed>.Instance);
        await watcher.StartAsync(CancellationToken.None);
        try
        {
            await holder.Loaded.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(["s1", "s2"], holder.Current.Services.Keys.Order());
            var loadedAt = holder.Current.Revision;

            // While the watch has not started yet, the history it needs is written and compacted away.
            await PutServiceAsync("s3", "three.watch.test");
            var deleted = await _store.DeleteAsync(StoreKeys.Service("s1"));
            await _store.CompactAsync(deleted.Revision);
            gated.Release();

            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (holder.Current.Revision < deleted.Revision && DateTime.UtcNow < deadline) await Task.Delay(20);
            Assert.Equal(deleted.Revision, holder.Current.Revision);
            Assert.Equal(["s2", "s3"], holder.Current.Services.Keys.Order());
            Assert.True(loadedAt < deleted.Revision);
            // The state came from a second full read, not from watch events (there were none left to deliver).
            Assert.Equal(2, gated.Listings);
        }
        finally
        {
            await watcher.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Delegates to a real store; the first watch waits for <see cref="Release"/>, and listings are counted.</summary>
    private sealed class GatedWatchStore(IConfigStore inner) : IConfigStore
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _listings;

        public int Listings => Volatile.Read(ref _listings);

        public void Release() => _released.TrySetResult();

        public Task<StoreItem?> GetAsync(string key, CancellationToken cancellationToken = default) => inner.GetAsync(key, cancellationToken);

        public IAsyncEnumerable<StoreListing> ListPagesAsync(string prefix, int pageSize = StorePaging.DefaultPageSize,
            CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _listings);
            return inner.ListPagesAsync(prefix, pageSize, cancellationToken);
        }

        public Task<CommitResult> CommitAsync(IReadOnlyList<StoreCondition> conditions, IReadOnlyList<StoreMutation> mutations,
            CancellationToken cancellationToken = default) => inner.CommitAsync(conditions, mutations, cancellationToken);

        public async IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long fromRevision,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await _released.Task.WaitAsync(cancellationToken);
            await foreach (var change in inner.WatchAsync(prefix, fromRevision, cancellationToken)) yield return change;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
