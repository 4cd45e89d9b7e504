namespace Gatehouse.Commands.Notifier;

/// <summary>Admin API paths for notifiers, relative to the server URL.</summary>
internal static class NotifierPaths
{
    public const string Collection = "api/v1/notifiers";

    public static string Object(string id) => $"{Collection}/{Uri.EscapeDataString(id)}";
}
