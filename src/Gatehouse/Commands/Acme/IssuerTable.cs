using System.Text.Json;
using Gatehouse.Client;

namespace Gatehouse.Commands.Acme;

/// <summary>ACME issuers as text for people (the API never returns the MAC key or the account key).</summary>
internal static class IssuerTable
{
    public static void WriteList(IEnumerable<JsonElement> items, TextWriter output)
    {
        var table = new TextTable("ID", "DIRECTORY", "KEY TYPE", "EAB", "ACCOUNT");
        foreach (var item in items)
        {
            table.Add(JsonText.Of(item, "id"), JsonText.Of(item, "directory_url"), JsonText.Of(item, "key_type"), Eab(item),
                item.GetProperty("account_url").ValueKind == JsonValueKind.String ? "yes" : "not yet");
        }
        table.WriteTo(output);
    }

    public static void WriteObject(JsonElement item, TextWriter output) => JsonText.WriteFields(item, output);

    private static string Eab(JsonElement item) =>
        item.GetProperty("eab") is { ValueKind: JsonValueKind.Object } eab ? eab.GetProperty("kid").GetString()! : "-";
}
