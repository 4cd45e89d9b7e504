using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Client;

namespace Gatehouse.Commands.Ssl;

/// <summary><c>gatehouse ssl list</c>: <c>GET /api/v1/ssls</c>, following <c>next_cursor</c> unless <c>--limit</c> is given.</summary>
internal static class SslListCommand
{
    public static Command Create()
    {
        var type = new Option<string?>("--type") { Description = "Only server or client objects." };
        type.AcceptOnlyFromAmong("server", "client");
        var sni = new Option<string?>("--sni") { Description = "Only objects that would match this host name, in selection order." };
        var expiring = new Option<string?>("--expiring-within") { Description = "Only objects whose certificate ends within this time, e.g. 30d, 12h, 90m (includes expired)." };
        var limit = new Option<int?>("--limit") { Description = "Fetch one page of at most N objects (1-1000) and print its next_cursor, instead of listing all." };
        var cursorOption = new Option<string?>("--cursor") { Description = "With --limit: start after this next_cursor of an earlier page." };
        var pageSize = new Option<int>("--page-size") { Description = "Objects per request when listing all (1-1000).", DefaultValueFactory = _ => 100 };

        var command = new Command("list", "List SSL objects.") { type, sni, expiring, limit, cursorOption, pageSize };
        command.SetClientAction(async (parse, api, console, cancellationToken) =>
        {
            var single = parse.GetValue(limit);
            var size = single ?? parse.GetValue(pageSize);
            if (size is < 1 or > 1000) throw new UsageException($"{(single is null ? "--page-size" : "--limit")} must be from 1 to 1000.");

            var items = new JsonArray();
            if (single is null && parse.GetValue(cursorOption) is not null) throw new UsageException("--cursor goes with --limit.");
            var cursor = parse.GetValue(cursorOption);
            ApiResponse response;
            do
            {
                var path = SslPaths.WithQuery(SslPaths.Collection, ("limit", size.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ("cursor", cursor), ("type", parse.GetValue(type)), ("sni", parse.GetValue(sni)), ("expiring_within", parse.GetValue(expiring)));
                response = await api.GetAsync(path, cancellationToken);
                if (!response.IsSuccess) return console.ApiError(response);
                var page = JsonNode.Parse(response.Body)!.AsObject();
                foreach (var item in page["items"]!.AsArray().ToList()) items.Add(item!.DeepClone());
                cursor = page["next_cursor"]?.GetValue<string>();
            }
            while (single is null && cursor is not null);

            // One page is printed as the API sent it; all pages are joined into the same shape.
            var all = single is null ? new ApiResponse(200, new JsonObject { ["items"] = items, ["next_cursor"] = null }.ToJsonString(), null) : response;
            return console.Success(all, body =>
            {
                SslObjectTable.WriteList(body.GetProperty("items").EnumerateArray(), console.Out);
                if (body.GetProperty("next_cursor") is { ValueKind: JsonValueKind.String } next)
                    console.Out.WriteLine($"(more: --cursor {next.GetString()})");
            });
        });
        return command;
    }
}
