namespace Gatehouse.Commands.Ssl;

/// <summary>Admin API paths for SSL objects, relative to the server URL.</summary>
internal static class SslPaths
{
    public const string Collection = "api/v1/ssls";

    public static string Object(string id) => $"{Collection}/{Uri.EscapeDataString(id)}";

    /// <summary>Appends the query parameters whose value is not null.</summary>
    public static string WithQuery(string path, params (string Name, string? Value)[] parameters)
    {
        var query = string.Join("&", parameters.Where(p => p.Value is not null)
            .Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
        return query.Length == 0 ? path : $"{path}?{query}";
    }
}
