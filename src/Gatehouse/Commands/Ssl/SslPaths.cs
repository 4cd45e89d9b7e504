namespace Gatehouse.Commands.Ssl;

/// <summary>Admin API paths for SSL objects, relative to the server URL.</summary>
internal static class SslPaths
{
    public const string Collection = "api/v1/ssls";

    public static string Object(string id) => $"{Collection}/{Uri.EscapeDataString(id)}";

    /// <summary>Appends the query parameters whose value is not null.</summary>
    public static string WithQuery(string path, params (string Name, string? Value)[] parameters) =>
        Client.QueryString.Append(path, parameters);
}
