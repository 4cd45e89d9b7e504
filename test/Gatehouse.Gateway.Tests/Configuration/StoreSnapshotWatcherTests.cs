using System.Runtime.CompilerServices;
using Gatehouse.Core.Secrets;
using Gatehouse.Gateway.Configuration;
using Gatehouse.Gateway.Tls;
using Gatehouse.Storage;
using Gatehouse.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using static Gatehouse.Gateway.Tests.TestObjects;

namespace Gatehouse.Gateway.Tests.Configuration;

/// <summary>The gateway follows a real SQLite store through list + watch, and resyncs from a full read after compaction.</summary>
public sealed class StoreSnapshotWatcherTests : IAsyncLifetime
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
        _store.PutAsync(StoreKeys.Service(id), ConfigCodec.Encode(Service(id, [host])));

    [Fact]
    public async Task A_watch_that_falls_behind_a_compaction_resyncs_and_publishes_the_current_state()
    {
        await PutServiceAsync("s1", "one.watch.test");
        await PutServiceAsync("s2", "two.watch.test");
        var gated = new GatedWatchStore(_store);
        var holder = new SnapshotHolder();
        var builder = new SnapshotBuilder(new ConfigCodec(TimeProvider.System), new ServerTlsOptionsFactory(Keyring.Generate(), TimeProvider.System),
            NullLogger<SnapshotBuilder>.Instance, TimeProvider.System);
        using var watcher = new StoreSnapshotWatcher(gated, builder, holder, NullLogger<StoreSnapshotWatcher>.Instance);
        await watcher.StartAsync(CancellationToken.None);
        try
        {
            await holder.FirstLoaded.WaitAsync(TimeSpan.FromSeconds(10));
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

        public Task<StoreListing> ListAsync(string prefix, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _listings);
            return inner.ListAsync(prefix, cancellationToken);
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
