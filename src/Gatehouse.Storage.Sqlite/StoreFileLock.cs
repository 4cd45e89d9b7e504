namespace Gatehouse.Storage.Sqlite;

/// <summary>
/// An exclusive lock on <c>&lt;database&gt;.lock</c>, held for the store's life: SQLite serves one process
/// (DESIGN.md §6). <see cref="FileShare.None"/> is an OS lock (flock on Unix), released even if the process dies.
/// </summary>
internal sealed class StoreFileLock(FileStream file) : IDisposable
{
    public static StoreFileLock Acquire(string databasePath)
    {
        var lockPath = databasePath + ".lock";
        try
        {
            return new StoreFileLock(new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException ex) when (ex is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException))
        {
            throw new StoreUnavailableException(
                $"The SQLite store '{databasePath}' is in use by another process (lock file '{lockPath}'). " +
                "SQLite serves one process; run the split roles on etcd.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreUnavailableException($"The lock file '{lockPath}' could not be created ({ex.GetType().Name}).", ex);
        }
    }

    public void Dispose() => file.Dispose();
}
