using System.CommandLine;
using System.Text.Json;
using Gatehouse.Client;

namespace Gatehouse.Commands.Events;

/// <summary><c>gatehouse events [--type T] [--since TIME]</c>: <c>GET /api/v1/events</c>, newest first, with delivery state.</summary>
internal static class EventsCommand
{
    public static Command Create()
    {
        var type = new Option<string?>("--type") { Description = "Only events of this type (ssl.expiring, ssl.expired, ssl.revoked, …)." };
        var since = new Option<string?>("--since") { Description = "Only events at or after this RFC 3339 time." };
        var paging = new PagedListing("events");
        var command = new Command("events", "List recorded lifecycle events and their deliveries, newest first.") { type, since };
        foreach (var option in paging.Options) command.Options.Add(option);
        command.SetClientAction((parse, api, console, cancellationToken) => paging.RunAsync(parse, api, console,
            page => QueryString.Append("api/v1/events", [.. page, ("type", parse.GetValue(type)), ("since", parse.GetValue(since))]),
            WriteList, cancellationToken));
        return command;
    }

    private static void WriteList(IEnumerable<JsonElement> items, TextWriter output)
    {
        var table = new TextTable("ID", "TYPE", "OCCURRED", "SSL", "NOT_AFTER", "DELIVERIES");
        foreach (var item in items)
        {
            var ssl = item.GetProperty("ssl");
            var type = item.GetProperty("type").GetString()!;
            if (item.GetProperty("threshold_days") is { ValueKind: JsonValueKind.Number } days) type += $" ({days.GetInt32()}d)";
            var deliveries = item.GetProperty("deliveries").EnumerateArray()
                .GroupBy(d => d.GetProperty("state").GetString()!)
                .Select(g => $"{g.Count()} {g.Key}");
            table.Add(item.GetProperty("id").GetString()!, type, item.GetProperty("occurred_at").GetString()!,
                ssl.GetProperty("id").GetString()!, ssl.GetProperty("not_after").GetString()!, string.Join(", ", deliveries) is { Length: > 0 } d ? d : "none");
        }
        table.WriteTo(output);
    }
}
