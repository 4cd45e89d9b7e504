using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Gatehouse.Storage.Sqlite;

public sealed partial class SqliteConfigStore
{
    // Revisions read per batch, so a watch far behind catches up in bounded memory.
    private const long RevisionsPerBatch = 1_000;

    /// <inheritdoc />
    /// <remarks>
    /// A start revision of 0 or below means "from the first revision". Events of one commit arrive in key order.
    /// A commit in this process wakes the watch at once; <see cref="SqliteStoreOptions.WatchPollInterval"/>
    /// bounds the delay otherwise. When the store is disposed the watch throws <see cref="ObjectDisposedException"/>.
    /// </remarks>
    public async IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long fromRevision,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var range = KeyRange.ForPrefix(prefix);
        var next = Math.Max(fromRevision, 1);
        while (true)
        {
            // Taken before the read, so a commit landing during the read still wakes the wait below.
            var committed = _committed.NextCommit;
            var batch = await RunAsync(connection => ReadChangesAsync(connection, range, next, cancellationToken), cancellationToken);
            if (batch.CompactedRevision is { } compacted)
            {
                yield return new WatchEvent.Compacted(compacted);
                yield break;
            }

            foreach (var change in batch.Events)
            {
                yield return change;
            }

            next = batch.NextRevision;
            if (!batch.MoreAvailable)
            {
                await WaitForCommitAsync(committed, cancellationToken);
            }
        }
    }

    private async Task WaitForCommitAsync(Task committed, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
        wait.CancelAfter(_options.WatchPollInterval);
        await committed.WaitAsync(wait.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
    }

    private static async Task<ChangeBatch> ReadChangesAsync(SqliteConnection connection, KeyRange range, long next,
        CancellationToken cancellationToken)
    {
        using var snapshot = connection.BeginTransaction(deferred: true);
        var (current, compacted) = await ReadMetaAsync(connection, cancellationToken);
        if (next <= compacted)
        {
            return new ChangeBatch([], next, false, compacted);
        }

        if (next > current)
        {
            return new ChangeBatch([], next, false, null);
        }

        var last = Math.Min(current, next + RevisionsPerBatch - 1);
        var events = new List<WatchEvent>();
        await using var command = connection.Command(
            $"""
            SELECT revision, key, value, create_revision FROM changes
            WHERE revision BETWEEN $from AND $to AND {range.Sql("key")}
            ORDER BY revision, key
            """,
            ("$from", next), ("$to", last));
        range.Bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (revision, key) = (reader.GetInt64(0), reader.GetString(1));
            events.Add(reader.IsDBNull(2)
                ? new WatchEvent.Deleted(key, revision)
                : new WatchEvent.Put(StoreItem.FromUtf8(key, reader.GetFieldValue<byte[]>(2), revision, reader.GetInt64(3))));
        }

        return new ChangeBatch(events, Math.Max(next, last + 1), last < current, null);
    }
}
