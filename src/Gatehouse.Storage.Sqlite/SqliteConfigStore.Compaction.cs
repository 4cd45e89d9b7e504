using Microsoft.Data.Sqlite;

namespace Gatehouse.Storage.Sqlite;

public sealed partial class SqliteConfigStore
{
    /// <summary>
    /// Drops the change history up to and including <paramref name="upToRevision"/>. Current values are kept;
    /// a watch from that revision or earlier then receives <see cref="WatchEvent.Compacted"/>.
    /// The store also compacts by itself to keep <see cref="SqliteStoreOptions.ChangeRetention"/> rows.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="upToRevision"/> is negative or above the current revision.</exception>
    public async Task CompactAsync(long upToRevision, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(upToRevision);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await RunAsync(async connection =>
            {
                using var transaction = connection.BeginTransaction(deferred: false);
                var (current, _) = await ReadMetaAsync(connection, cancellationToken);
                ArgumentOutOfRangeException.ThrowIfGreaterThan(upToRevision, current);
                await CompactChangeLogAsync(connection, upToRevision, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }, cancellationToken);

            // Watches behind the new horizon learn of it now rather than at their next poll.
            _committed.Raise();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// Keeps at most <see cref="SqliteStoreOptions.ChangeRetention"/> change rows. Whole revisions are removed
    /// (a commit's rows stay together), so a revision is either fully watchable or compacted.
    /// </summary>
    private async Task TrimChangeLogAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var oldestDropped = (long?)await connection.ScalarAsync(
            "SELECT revision FROM changes ORDER BY revision DESC, key DESC LIMIT 1 OFFSET $retention",
            cancellationToken, ("$retention", _options.ChangeRetention));
        if (oldestDropped is { } revision)
        {
            await CompactChangeLogAsync(connection, revision, cancellationToken);
        }
    }

    private static async Task CompactChangeLogAsync(SqliteConnection connection, long upToRevision,
        CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync("DELETE FROM changes WHERE revision <= $revision", cancellationToken, ("$revision", upToRevision));
        await connection.ExecuteAsync(
            "UPDATE meta SET compacted_revision = max(compacted_revision, $revision) WHERE id = 1",
            cancellationToken, ("$revision", upToRevision));
    }
}
