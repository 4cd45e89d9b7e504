using System.Runtime.CompilerServices;
using Gatehouse.Storage;

namespace Gatehouse.Testing.Storage;

/// <summary>
/// Wraps a store and counts every call by operation, so a test can prove that requests are answered without
/// listing the store. <see cref="WatchDelay"/> holds back each watch event, to show that a write waits for the model.
/// </summary>
public sealed class CountingStore(IConfigStore inner) : IConfigStore
{
    private int _lists, _pages, _largestPage, _gets, _commits, _watches;

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _listed = new();

    public int Lists => Volatile.Read(ref _lists);

    /// <summary>
    /// Listings whose prefix covers <paramref name="key"/>'s part of the key space (the prefix starts <paramref name="key"/>,
    /// or lies under it): the configuration's listings, told apart from background ones of other prefixes.
    /// </summary>
    public int ListsCovering(string key) =>
        _listed.Count(prefix => key.StartsWith(prefix, StringComparison.Ordinal) || prefix.StartsWith(key, StringComparison.Ordinal));
    public int Pages => Volatile.Read(ref _pages);
    public int LargestPage => Volatile.Read(ref _largestPage);
    public int Gets => Volatile.Read(ref _gets);
    public int Commits => Volatile.Read(ref _commits);
    public int Watches => Volatile.Read(ref _watches);

    /// <summary>While true, every single-key read fails as an unreachable store does (<see cref="StoreUnavailableException"/>).</summary>
    public bool FailGets { get; set; }

    /// <summary>How long each watch event is held back before it is delivered (zero by default).</summary>
    public TimeSpan WatchDelay { get; set; }

    /// <summary>
    /// Fenced admin commits (those that put <see cref="StoreKeys.WriteFence"/>) whose answer is lost, one per entry in
    /// order: the commit throws <see cref="StoreUnavailableException"/> as a store member dying mid-request makes it,
    /// after being applied (true) or without being applied (false).
    /// </summary>
    public System.Collections.Concurrent.ConcurrentQueue<bool> LostCommitAnswers { get; } = new();

    public Task<StoreItem?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _gets);
        if (FailGets) return Task.FromException<StoreItem?>(new StoreUnavailableException("The store is unreachable (CountingStore.FailGets)."));
        return inner.GetAsync(key, cancellationToken);
    }

    /// <summary>Counts one listing (<see cref="Lists"/>) however many pages it reads (<see cref="Pages"/>).</summary>
    public async IAsyncEnumerable<StoreListing> ListPagesAsync(string prefix, int pageSize = StorePaging.DefaultPageSize,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _lists);
        _listed.Enqueue(prefix);
        await foreach (var page in inner.ListPagesAsync(prefix, pageSize, cancellationToken))
        {
            Interlocked.Increment(ref _pages);
            Interlocked.Exchange(ref _largestPage, Math.Max(Volatile.Read(ref _largestPage), page.Items.Count));
            yield return page;
        }
    }

    public async Task<CommitResult> CommitAsync(IReadOnlyList<StoreCondition> conditions, IReadOnlyList<StoreMutation> mutations,
        CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _commits);
        if (mutations.Any(m => m.Key == StoreKeys.WriteFence) && LostCommitAnswers.TryDequeue(out var applied))
        {
            if (applied) await inner.CommitAsync(conditions, mutations, cancellationToken);
            throw new StoreUnavailableException("The test store lost this commit's answer.");
        }
        return await inner.CommitAsync(conditions, mutations, cancellationToken);
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
