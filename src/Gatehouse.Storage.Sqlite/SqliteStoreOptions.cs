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
    /// How often a watch looks for new changes when no in-process commit woke it (default 100 ms).
    /// Local commits wake watches at once; the poll is a safety net.
    /// </summary>
    public TimeSpan WatchPollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ChangeRetention, 1, nameof(ChangeRetention));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(WatchPollInterval, TimeSpan.Zero, nameof(WatchPollInterval));
    }
}
