namespace Gatehouse.Storage.Etcd;

/// <summary>Tuning of <see cref="EtcdConfigStore"/>; the defaults suit a gateway.</summary>
public sealed record EtcdStoreOptions
{
    /// <summary>
    /// Deadline of each read, commit and compaction, and of (re)opening a watch (default 5 s).
    /// When it passes the operation throws <see cref="StoreUnavailableException"/>.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Longest wait between two attempts to reconnect to an etcd endpoint that went away (default 5 s;
    /// gRPC's own default of two minutes would keep a restarted etcd unused for that long).
    /// </summary>
    public TimeSpan MaxReconnectBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a watch whose stream broke keeps trying to resume from the next revision before it throws
    /// <see cref="StoreUnavailableException"/> (default 15 s). Resuming is loss-free: the watch restarts at the
    /// revision after the last one it delivered, or yields <see cref="WatchEvent.Compacted"/> if that is gone.
    /// </summary>
    public TimeSpan WatchResumeTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The most compares or operations one transaction may hold: etcd's <c>--max-txn-ops</c> (default 128). Bulk writes
    /// (<c>POST /api/v1/apply</c>) are cut into commits that fit.
    /// </summary>
    public int MaxTxnOps { get; init; } = 128;

    /// <summary>
    /// The largest transaction in bytes that bulk writes send: below etcd's <c>--max-request-bytes</c> (default 1.5 MiB)
    /// with room for the request's framing (default 1 MiB).
    /// </summary>
    public long MaxTxnBytes { get; init; } = 1024 * 1024;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RequestTimeout, TimeSpan.Zero, nameof(RequestTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxReconnectBackoff, TimeSpan.Zero, nameof(MaxReconnectBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThan(WatchResumeTimeout, TimeSpan.Zero, nameof(WatchResumeTimeout));
    }
}
