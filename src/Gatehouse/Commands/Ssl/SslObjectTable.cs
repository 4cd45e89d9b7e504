using System.Text.Json;
using Gatehouse.Client;

namespace Gatehouse.Commands.Ssl;

/// <summary>The human renderings of SSL objects: one row per object in a list, every field for one object.</summary>
internal static class SslObjectTable
{
    public static void WriteList(IEnumerable<JsonElement> items, TextWriter writer)
    {
        var table = new TextTable("ID", "NAME", "TYPE", "SNIS", "NOT AFTER", "STATUS", "PEER AUTH", "LABELS");
        foreach (var item in items)
        {
            table.Add(JsonText.Of(item, "id"), JsonText.Of(item, "name"), JsonText.Of(item, "type"), JsonText.Of(item, "snis"), JsonText.Of(item, "not_after"),
                JsonText.Of(item, "status"), JsonText.Of(item, "peer_authentication"), JsonText.Of(item, "labels"));
        }
        table.WriteTo(writer);
    }

    /// <summary>An object, a dry-run result, or any other JSON object: one <c>name: value</c> line per field, PEM bodies summarised.</summary>
    public static void WriteObject(JsonElement item, TextWriter writer) => JsonText.WriteFields(item, writer);
}
