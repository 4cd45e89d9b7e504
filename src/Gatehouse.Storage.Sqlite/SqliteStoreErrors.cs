using Microsoft.Data.Sqlite;

namespace Gatehouse.Storage.Sqlite;

/// <summary>
/// Turns SQLite and file-system failures into <see cref="StoreUnavailableException"/>. Messages name the file and
/// the error code only, never a key's value (values may hold encrypted private keys).
/// </summary>
internal static class SqliteStoreErrors
{
    public static bool IsStoreFailure(Exception exception) =>
        exception is SqliteException or IOException or UnauthorizedAccessException;

    public static StoreUnavailableException Map(string databasePath, Exception exception) => exception switch
    {
        SqliteException sqlite => new StoreUnavailableException(
            $"The SQLite store '{databasePath}' failed with SQLite error {sqlite.SqliteErrorCode} " +
            $"(extended {sqlite.SqliteExtendedErrorCode}).", exception),
        _ => new StoreUnavailableException(
            $"The SQLite store '{databasePath}' could not be read or written ({exception.GetType().Name}).", exception),
    };
}
