namespace Gatehouse.Commands.Token;

/// <summary>Admin API paths for named tokens, relative to the server URL.</summary>
internal static class TokenPaths
{
    public const string Collection = "api/v1/tokens";

    public static string Object(string name) => $"{Collection}/{Uri.EscapeDataString(name)}";

    /// <summary>Appends the query parameters whose value is not null.</summary>
    public static string WithQuery(string path, params (string Name, string? Value)[] parameters) =>
        Client.QueryString.Append(path, parameters);
}
