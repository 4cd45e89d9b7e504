using Gatehouse.Client;

namespace Gatehouse.Commands.Service;

/// <summary>Admin API paths for services, relative to the server URL.</summary>
internal static class ServicePaths
{
    public const string Collection = "api/v1/services";

    public static string Object(string id) => $"{Collection}/{Uri.EscapeDataString(id)}";

    /// <summary>Appends the query parameters whose value is not null.</summary>
    public static string WithQuery(string path, params (string Name, string? Value)[] parameters) =>
        QueryString.Append(path, parameters);
}
