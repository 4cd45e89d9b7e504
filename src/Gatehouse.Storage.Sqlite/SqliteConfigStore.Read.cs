using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Gatehouse.Storage.Sqlite;

public sealed partial class SqliteConfigStore
{
    private const string ItemColumns = "key, value, mod_revision, create_revision";

    /// <inheritdoc />
    public Task<StoreItem?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return RunAsync(async connection =>
        {
            await using var command = connection.Command($"SELECT {ItemColumns} FROM kv WHERE key = $key", ("$key", key));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? ReadItem(reader) : null;
        }, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// One deferred read transaction spans every page: in WAL mode it is one snapshot, so the pages and their revision
    /// agree while commits go on. Each page is an index range after the previous page's last key (SQLite orders TEXT by
    /// UTF-8 bytes). The connection stays open until the enumeration ends or is disposed.
    /// </remarks>
    public async IAsyncEnumerable<StoreListing> ListPagesAsync(string prefix, int pageSize = StorePaging.DefaultPageSize,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var range = KeyRange.ForPrefix(prefix);
        var snapshot = await Mapped(() => PinnedSnapshot.OpenAsync(_connectionString, cancellationToken));
        try
        {
            string? after = null;
            while (true)
            {
                var items = await Mapped(() => ReadPageAsync(snapshot.Connection, range, after, pageSize, cancellationToken));
                yield return new StoreListing(items, snapshot.Revision);
                if (items.Count < pageSize) yield break;
                after = items[^1].Key;
            }
        }
        finally
        {
            await snapshot.DisposeAsync();
        }
    }

    internal static async Task<List<StoreItem>> ReadPageAsync(SqliteConnection connection, KeyRange range, string? after, int limit,
        CancellationToken cancellationToken)
    {
        var condition = after is null ? range.Sql("key") : range.SqlAfter("key");
        await using var command = connection.Command($"SELECT {ItemColumns} FROM kv WHERE {condition} ORDER BY key LIMIT $limit", ("$limit", limit));
        if (after is null) range.Bind(command);
        else range.BindAfter(command, after);
        var items = new List<StoreItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) items.Add(ReadItem(reader));
        return items;
    }

    /// <summary>Runs <paramref name="work"/> and maps store failures (an iterator cannot catch around its own yields).</summary>
    private async Task<T> Mapped<T>(Func<Task<T>> work)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        try
        {
            return await work();
        }
        catch (Exception ex) when (SqliteStoreErrors.IsStoreFailure(ex))
        {
            throw SqliteStoreErrors.Map(_databasePath, ex);
        }
    }

    /// <summary>The value stays the UTF-8 bytes SQLite holds (a TEXT column's blob is its UTF-8), decoded only by a reader that wants text.</summary>
    private static StoreItem ReadItem(SqliteDataReader reader) =>
        StoreItem.FromUtf8(reader.GetString(0), reader.GetFieldValue<byte[]>(1), reader.GetInt64(2), reader.GetInt64(3));

    internal static async Task<(long Revision, long CompactedRevision)> ReadMetaAsync(SqliteConnection connection,
        CancellationToken cancellationToken)
    {
        await using var command = connection.Command("SELECT revision, compacted_revision FROM meta WHERE id = 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new StoreUnavailableException("The SQLite store has no meta row; the file is damaged.");
        }

        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
