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
    /// <remarks>Items are in <see cref="StringComparer.Ordinal"/> order of the key, as .NET compares strings.</remarks>
    public Task<StoreListing> ListAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var range = KeyRange.ForPrefix(prefix);
        return RunAsync(async connection =>
        {
            // A deferred transaction in WAL mode is one snapshot: the revision and the rows agree.
            using var snapshot = connection.BeginTransaction(deferred: true);
            var (revision, _) = await ReadMetaAsync(connection, cancellationToken);
            await using var command = connection.Command($"SELECT {ItemColumns} FROM kv WHERE {range.Sql("key")}");
            range.Bind(command);
            var items = new List<StoreItem>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    items.Add(ReadItem(reader));
                }
            }

            // SQLite orders TEXT by UTF-8 bytes, which differs from UTF-16 ordinal order above U+FFFF.
            items.Sort((left, right) => string.CompareOrdinal(left.Key, right.Key));
            return new StoreListing(items, revision);
        }, cancellationToken);
    }

    private static StoreItem ReadItem(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3));

    private static async Task<(long Revision, long CompactedRevision)> ReadMetaAsync(SqliteConnection connection,
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
