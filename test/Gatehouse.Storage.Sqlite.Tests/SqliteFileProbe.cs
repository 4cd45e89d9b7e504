using Microsoft.Data.Sqlite;

namespace Gatehouse.Storage.Sqlite.Tests;

/// <summary>Looks into a store's file over an independent, unpooled connection, as an operator with sqlite3 would.</summary>
internal static class SqliteFileProbe
{
    public static async Task<object?> ScalarAsync(string databasePath, string sql)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
