namespace Gatehouse.Storage;

/// <summary>
/// The narrow, revisioned key-value contract every backend (SQLite, etcd) implements (DESIGN.md §6).
/// One global revision increases by one per successful commit, whatever the number of keys it touches
/// (etcd semantics). Every method may throw <see cref="StoreUnavailableException"/>.
/// </summary>
public interface IConfigStore : IAsyncDisposable
{
    /// <summary>Reads one key, or null when it does not exist.</summary>
    Task<StoreItem?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads every key that starts with <paramref name="prefix"/> in pages of at most <paramref name="pageSize"/> items,
    /// all at one pinned revision (DESIGN.md §11): every page carries the same <see cref="StoreListing.Revision"/>, so the
    /// pages together are one consistent read and a watch resumes from that revision + 1, yet no single store message
    /// holds the whole configuration. Pages follow the keys' UTF-8 byte order; the last page may be empty. If the
    /// pinned revision is compacted before the last page is read, the enumeration throws
    /// <see cref="StoreUnavailableException"/> and the caller lists again.
    /// </summary>
    IAsyncEnumerable<StoreListing> ListPagesAsync(string prefix, int pageSize = StorePaging.DefaultPageSize,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies every mutation atomically if and only if every condition holds (etcd's Txn compare/then).
    /// Either all mutations are durable when this returns with <c>Succeeded</c>, or none is applied.
    /// </summary>
    Task<CommitResult> CommitAsync(
        IReadOnlyList<StoreCondition> conditions,
        IReadOnlyList<StoreMutation> mutations,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// The most conditions, or mutations, one <see cref="CommitAsync"/> may carry (etcd's <c>--max-txn-ops</c>, 128 by
    /// default); null when a commit of any size is one transaction. Bulk writers cut their work into commits that fit.
    /// </summary>
    int? MaxOperationsPerCommit => null;

    /// <summary>The largest commit, in bytes of keys and values, the store accepts in one request; null for no limit.</summary>
    long? MaxBytesPerCommit => null;

    /// <summary>
    /// Streams every put and delete under <paramref name="prefix"/> with revision ≥ <paramref name="fromRevision"/>,
    /// in revision order, until cancelled. If that history is no longer retained, yields one
    /// <see cref="WatchEvent.Compacted"/> and ends.
    /// </summary>
    IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long fromRevision, CancellationToken cancellationToken = default);
}
