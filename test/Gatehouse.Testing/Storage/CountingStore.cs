using System.Runtime.CompilerServices;
using Gatehouse.Storage;

namespace Gatehouse.Testing.Storage;

/// <summary>
/// Wraps a store and counts every call by operation, so a test can prove that requests are answered without
/// listing the store. <see cref="WatchDelay"/> holds back each watch event, to show that a write waits for the model.
/// </summary>
public sealed class CountingStore(IConfigStore inner) : IConfigStore
{
    private int _lists, _gets, _commits, _watches;

    public int Lists => Volatile.Read(ref _lists);
    public int Gets => Volatile.Read(ref _gets);
    public int Commits => Volatile.Read(ref _commits);
    public int Watches => Volatile.Read(ref _watches);

    /// <summary>How long each watch event is held back before it is delivered (zero by default).</summary>
    public TimeSpan WatchDelay { get; set; }

    public Task<StoreItem?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _gets);
        return inner.GetAsync(key, cancellationToken);
    }

    public Task<StoreListing> ListAsync(string prefix, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _lists);
        return inner.ListAsync(prefix, cancellationToken);
    }

    public Task<CommitResult> CommitAsync(IReadOnlyList<StoreCondition> conditions, IReadOnlyList<StoreMutation> mutations,
        CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _commits);
        return inner.CommitAsync(conditions, mutations, cancellationToken);
    }

    public async IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long fromRevision,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _watches);
        await foreach (var change in inner.WatchAsync(prefix, fromRevision, cancellationToken))
        {
            if (WatchDelay > TimeSpan.Zero) await Task.Delay(WatchDelay, cancellationToken);
            yield return change;
        }
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
