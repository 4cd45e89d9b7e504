using Microsoft.Data.Sqlite;

namespace Gatehouse.Storage.Sqlite;

/// <summary>
/// A connection holding one deferred read transaction: in WAL mode every read in it sees the same snapshot, taken by
/// its first read (the revision), whatever commits land meanwhile. A paged listing reads all its pages through one.
/// </summary>
internal sealed class PinnedSnapshot : IAsyncDisposable
{
    private readonly SqliteTransaction _transaction;

    private PinnedSnapshot(SqliteConnection connection, SqliteTransaction transaction, long revision)
    {
        Connection = connection;
        _transaction = transaction;
        Revision = revision;
    }

    public SqliteConnection Connection { get; }

    /// <summary>The store revision of the snapshot.</summary>
    public long Revision { get; }

    public static async Task<PinnedSnapshot> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        // Never pooled: closing the connection ends its memory map (SqliteSchema.ListingPragmas) on every path, so no other
        // user of the store (a point read, a commit) gets a mapped connection, even after a failed open.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            await connection.ExecuteAsync(SqliteSchema.ConnectionPragmas + SqliteSchema.ListingPragmas, cancellationToken);
            var transaction = connection.BeginTransaction(deferred: true);
            var (revision, _) = await SqliteConfigStore.ReadMetaAsync(connection, cancellationToken);
            return new PinnedSnapshot(connection, transaction, revision);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _transaction.DisposeAsync();
        }
        finally
        {
            await Connection.DisposeAsync();
        }
    }
}
