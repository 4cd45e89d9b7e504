using System.Text.Json;
using Gatehouse.Client;

namespace Gatehouse.Commands.Notifier;

/// <summary>Notifiers as text for people.</summary>
internal static class NotifierTable
{
    public static void WriteList(IEnumerable<JsonElement> items, TextWriter output)
    {
        var table = new TextTable("ID", "URL", "THRESHOLDS", "EVENTS", "SIGNED");
        foreach (var item in items) table.Add(Id(item), Url(item), Thresholds(item), Events(item), Signed(item));
        table.WriteTo(output);
    }

    public static void WriteObject(JsonElement item, TextWriter output)
    {
        output.WriteLine($"id:               {Id(item)}");
        output.WriteLine($"url:              {Url(item)}");
        output.WriteLine($"thresholds_days:  {Thresholds(item)}");
        output.WriteLine($"events:           {Events(item)}");
        output.WriteLine($"signed:           {Signed(item)}");
    }

    private static string Id(JsonElement item) => item.GetProperty("id").GetString()!;

    private static string Url(JsonElement item) => item.GetProperty("url").GetString()!;

    private static string Thresholds(JsonElement item) => string.Join(", ", item.GetProperty("thresholds_days").EnumerateArray().Select(d => d.GetInt32()));

    private static string Events(JsonElement item) => item.GetProperty("events") is { ValueKind: JsonValueKind.Array } events
        ? string.Join(", ", events.EnumerateArray().Select(e => e.GetString()))
        : "all";

    private static string Signed(JsonElement item) => item.GetProperty("has_secret").GetBoolean() ? "yes" : "no";
}
