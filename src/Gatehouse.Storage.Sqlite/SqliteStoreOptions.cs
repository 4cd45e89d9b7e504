namespace Gatehouse.Storage.Sqlite;

/// <summary>Tuning of <see cref="SqliteConfigStore"/>; the defaults suit a gateway.</summary>
public sealed record SqliteStoreOptions
{
    /// <summary>
    /// How many change-log rows are kept for watches (default 10 000). Older revisions are compacted:
    /// a watch that starts at or below the compacted revision receives <see cref="WatchEvent.Compacted"/>.
    /// </summary>
    public int ChangeRetention { get; init; } = 10_000;

    /// <summary>
    /// How often a watch looks for new changes when no commit woke it (default 5 s). Every commit goes through this
    /// store in this process (the lock file keeps other processes out) and wakes the watches at once, so the poll is only
    /// a safety net; at 100 ms, three idle watches cost `gatehouse up` about 13 ms of CPU per second.
    /// </summary>
    public TimeSpan WatchPollInterval { get; init; } = TimeSpan.FromSeconds(5);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ChangeRetention, 1, nameof(ChangeRetention));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(WatchPollInterval, TimeSpan.Zero, nameof(WatchPollInterval));
    }
}
