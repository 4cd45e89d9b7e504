using Microsoft.Data.Sqlite;

namespace Gatehouse.Storage.Sqlite;

/// <summary>
/// The embedded, default <see cref="IConfigStore"/>: one SQLite file in WAL mode, one global revision, a change
/// log with delete tombstones for watches (DESIGN.md §6). It serves one process: a lock file makes a second
/// opener fail with <see cref="StoreUnavailableException"/>.
/// </summary>
public sealed partial class SqliteConfigStore : IConfigStore
{
    private readonly string _databasePath;
    private readonly string _connectionString;
    private readonly SqliteStoreOptions _options;
    private readonly StoreFileLock _fileLock;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly CommitSignal _committed = new();
    private readonly CancellationTokenSource _closing = new();
    private int _disposed;

    private SqliteConfigStore(string databasePath, SqliteStoreOptions options, StoreFileLock fileLock)
    {
        _databasePath = databasePath;
        _options = options;
        _fileLock = fileLock;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
    }

    /// <summary>
    /// Opens the store at <paramref name="databasePath"/>, creating the directory, file and schema if missing.
    /// </summary>
    /// <exception cref="StoreUnavailableException">Another process (or another open store) holds the file, or it cannot be opened.</exception>
    public static async Task<SqliteConfigStore> OpenAsync(string databasePath, SqliteStoreOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        options ??= new SqliteStoreOptions();
        options.Validate();
        var fullPath = Path.GetFullPath(databasePath);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        }
        catch (Exception ex) when (SqliteStoreErrors.IsStoreFailure(ex))
        {
            throw SqliteStoreErrors.Map(fullPath, ex);
        }

        var store = new SqliteConfigStore(fullPath, options, StoreFileLock.Acquire(fullPath));
        try
        {
            await store.RunAsync(connection => SqliteSchema.EnsureAsync(connection, cancellationToken), cancellationToken);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>Closes every connection (checkpointing the WAL) and releases the lock file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Watches end; an in-flight commit finishes before the connections close.
        await _closing.CancelAsync();
        await _writeGate.WaitAsync();
        try
        {
            using var connection = new SqliteConnection(_connectionString);
            SqliteConnection.ClearPool(connection);
        }
        finally
        {
            _writeGate.Release();
            _fileLock.Dispose();
        }
    }

    private async Task RunAsync(Func<SqliteConnection, Task> work, CancellationToken cancellationToken) =>
        await RunAsync(async connection => { await work(connection); return true; }, cancellationToken);

    /// <summary>Runs <paramref name="work"/> on a pooled connection and maps store failures.</summary>
    private async Task<T> RunAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        try
        {
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            await connection.ExecuteAsync(SqliteSchema.ConnectionPragmas, cancellationToken);
            return await work(connection);
        }
        catch (Exception ex) when (SqliteStoreErrors.IsStoreFailure(ex))
        {
            throw SqliteStoreErrors.Map(_databasePath, ex);
        }
    }
}
