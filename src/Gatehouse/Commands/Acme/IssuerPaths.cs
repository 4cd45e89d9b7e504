namespace Gatehouse.Commands.Acme;

/// <summary>Admin API paths for ACME issuers, relative to the server URL.</summary>
internal static class IssuerPaths
{
    public const string Collection = "api/v1/acme/issuers";

    public static string Object(string id) => $"{Collection}/{Uri.EscapeDataString(id)}";
}
