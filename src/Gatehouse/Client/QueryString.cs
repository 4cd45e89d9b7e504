namespace Gatehouse.Client;

/// <summary>Builds the query part of Admin API paths.</summary>
internal static class QueryString
{
    /// <summary>Appends the query parameters whose value is not null, each value escaped.</summary>
    public static string Append(string path, params (string Name, string? Value)[] parameters)
    {
        var query = string.Join("&", parameters.Where(p => p.Value is not null)
            .Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
        return query.Length == 0 ? path : $"{path}?{query}";
    }
}
