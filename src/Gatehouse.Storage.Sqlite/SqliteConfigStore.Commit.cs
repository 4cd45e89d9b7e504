using Microsoft.Data.Sqlite;

namespace Gatehouse.Storage.Sqlite;

public sealed partial class SqliteConfigStore
{
    /// <inheritdoc />
    /// <remarks>
    /// One <c>BEGIN IMMEDIATE</c> transaction, writers also serialised in-process. As in etcd, the revision
    /// grows by one only when the commit changed something: a commit with no mutations, or whose mutations
    /// all delete absent keys, succeeds at the current revision and writes no change row. A put always counts
    /// as a change, even with the same value. Each key may appear in at most one mutation per commit
    /// (etcd rejects duplicate keys in a transaction); otherwise <see cref="ArgumentException"/>.
    /// </remarks>
    public async Task<CommitResult> CommitAsync(IReadOnlyList<StoreCondition> conditions,
        IReadOnlyList<StoreMutation> mutations, CancellationToken cancellationToken = default)
    {
        ValidateCommit(conditions, mutations);
        await _writeGate.WaitAsync(cancellationToken);
        var changed = true;
        try
        {
            (var result, changed) = await RunAsync(
                connection => ApplyCommitAsync(connection, conditions, mutations, cancellationToken), cancellationToken);
            return result;
        }
        finally
        {
            // Watches learn of commits from this signal alone (the poll is a slow safety net): a commit that failed
            // after it may have landed wakes them too, and they find out by reading.
            if (changed) _committed.Raise();
            _writeGate.Release();
        }
    }

    private static void ValidateCommit(IReadOnlyList<StoreCondition> conditions, IReadOnlyList<StoreMutation> mutations)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentNullException.ThrowIfNull(mutations);
        foreach (var condition in conditions)
        {
            ArgumentNullException.ThrowIfNull(condition, nameof(conditions));
            ArgumentException.ThrowIfNullOrEmpty(condition.Key, nameof(conditions));
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var mutation in mutations)
        {
            ArgumentNullException.ThrowIfNull(mutation, nameof(mutations));
            ArgumentException.ThrowIfNullOrEmpty(mutation.Key, nameof(mutations));
            if (mutation is StoreMutation.Put put)
            {
                ArgumentNullException.ThrowIfNull(put.Value, nameof(mutations));
            }

            if (!keys.Add(mutation.Key))
            {
                throw new ArgumentException("A commit may change each key at most once.", nameof(mutations));
            }
        }
    }

    private async Task<(CommitResult Result, bool Changed)> ApplyCommitAsync(SqliteConnection connection,
        IReadOnlyList<StoreCondition> conditions, IReadOnlyList<StoreMutation> mutations, CancellationToken cancellationToken)
    {
        // Disposing without Commit rolls back: a failed condition or a no-op writes nothing.
        using var transaction = connection.BeginTransaction(deferred: false);
        var (current, _) = await ReadMetaAsync(connection, cancellationToken);
        foreach (var condition in conditions)
        {
            var modRevision = (long?)await connection.ScalarAsync(
                "SELECT mod_revision FROM kv WHERE key = $key", cancellationToken, ("$key", condition.Key)) ?? 0;
            if (modRevision != condition.ExpectedModRevision)
            {
                return (new CommitResult(false, current), false);
            }
        }

        var revision = current + 1;
        var changed = false;
        foreach (var mutation in mutations)
        {
            changed |= mutation switch
            {
                StoreMutation.Put put => await ApplyPutAsync(connection, put, revision, cancellationToken),
                StoreMutation.Delete delete => await ApplyDeleteAsync(connection, delete.Key, revision, cancellationToken),
                _ => throw new ArgumentException($"Unknown mutation type {mutation.GetType().Name}.", nameof(mutations)),
            };
        }

        if (!changed)
        {
            return (new CommitResult(true, current), false);
        }

        await connection.ExecuteAsync("UPDATE meta SET revision = $revision WHERE id = 1", cancellationToken, ("$revision", revision));
        await TrimChangeLogAsync(connection, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (new CommitResult(true, revision), true);
    }

    private static async Task<bool> ApplyPutAsync(SqliteConnection connection, StoreMutation.Put put, long revision,
        CancellationToken cancellationToken)
    {
        // An update keeps create_revision; a fresh key (or one re-created after a delete) starts at this revision.
        var createRevision = (long)(await connection.ScalarAsync(
            """
            INSERT INTO kv (key, value, mod_revision, create_revision) VALUES ($key, $value, $revision, $revision)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, mod_revision = excluded.mod_revision
            RETURNING create_revision
            """,
            cancellationToken, ("$key", put.Key), ("$value", put.Value), ("$revision", revision)))!;
        await AppendChangeAsync(connection, revision, put.Key, put.Value, createRevision, cancellationToken);
        return true;
    }

    private static async Task<bool> ApplyDeleteAsync(SqliteConnection connection, string key, long revision,
        CancellationToken cancellationToken)
    {
        var createRevision = (long?)await connection.ScalarAsync(
            "DELETE FROM kv WHERE key = $key RETURNING create_revision", cancellationToken, ("$key", key));
        if (createRevision is not { } created)
        {
            return false;
        }

        await AppendChangeAsync(connection, revision, key, value: null, created, cancellationToken);
        return true;
    }

    private static Task AppendChangeAsync(SqliteConnection connection, long revision, string key, string? value,
        long createRevision, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(
            """
            INSERT INTO changes (revision, key, kind, value, create_revision)
            VALUES ($revision, $key, $kind, $value, $createRevision)
            """,
            cancellationToken, ("$revision", revision), ("$key", key), ("$kind", value is null ? "delete" : "put"),
            ("$value", value), ("$createRevision", createRevision));
}
