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

    /// <summary>
    /// An object, a dry-run result, or any other JSON object: one <c>name: value</c> line per field, PEM bodies
    /// summarised; a managed object's <c>acme</c> facts follow as <c>acme.*</c> lines and one line per attempt.
    /// </summary>
    public static void WriteObject(JsonElement item, TextWriter writer)
    {
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("acme", out var acme) || acme.ValueKind != JsonValueKind.Object)
        {
            JsonText.WriteFields(item, writer);
            return;
        }
        var others = System.Text.Json.Nodes.JsonNode.Parse(item.GetRawText())!.AsObject();
        others.Remove("acme");
        using var document = JsonDocument.Parse(others.ToJsonString());
        JsonText.WriteFields(document.RootElement, writer);
        WriteAcme(acme, writer, "acme.");
    }

    /// <summary>ACME facts (<c>state</c>, schedule, error, history) as <c>{prefix}name: value</c> lines, the history one attempt a line.</summary>
    public static void WriteAcme(JsonElement acme, TextWriter writer, string prefix)
    {
        var fields = acme.EnumerateObject().Where(p => p.Name != "history").Select(p => (Name: prefix + p.Name, Value: JsonText.Of(p.Value))).ToList();
        var width = Math.Max(fields.Max(f => f.Name.Length), prefix.Length + 7) + 1;
        foreach (var (name, value) in fields) writer.WriteLine($"{(name + ":").PadRight(width)} {value}");
        if (!acme.TryGetProperty("history", out var history) || history.GetArrayLength() == 0)
        {
            writer.WriteLine($"{(prefix + "history:").PadRight(width)} -");
            return;
        }
        writer.WriteLine($"{prefix}history:");
        foreach (var entry in history.EnumerateArray())
        {
            var detail = entry.GetProperty("outcome").GetString() == "failed"
                ? JsonText.Of(entry, "detail")
                : $"valid until {JsonText.Of(entry, "not_after")}, sha256 {JsonText.Of(entry, "fingerprint_sha256")}";
            writer.WriteLine($"  {JsonText.Of(entry, "at")}  {JsonText.Of(entry, "outcome"),-8}  {detail}");
        }
    }
}
