using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Client;

namespace Gatehouse.Commands.Service;

/// <summary><c>gatehouse service list</c>: <c>GET /api/v1/services</c>, following <c>next_cursor</c> unless <c>--limit</c> is given.</summary>
internal static class ServiceListCommand
{
    public static Command Create()
    {
        var host = new Option<string?>("--host") { Description = "Only services that list this host (exact or *.wildcard, as written in the service)." };
        var limit = new Option<int?>("--limit") { Description = "Fetch one page of at most N services (1-1000) and print its next_cursor, instead of listing all." };
        var cursorOption = new Option<string?>("--cursor") { Description = "With --limit: start after this next_cursor of an earlier page." };
        var pageSize = new Option<int>("--page-size") { Description = "Services per request when listing all (1-1000).", DefaultValueFactory = _ => 100 };

        var command = new Command("list", "List services with their hosts, targets and TLS coverage.") { host, limit, cursorOption, pageSize };
        command.SetClientAction(async (parse, api, console, cancellationToken) =>
        {
            var single = parse.GetValue(limit);
            var size = single ?? parse.GetValue(pageSize);
            if (size is < 1 or > 1000) throw new UsageException($"{(single is null ? "--page-size" : "--limit")} must be from 1 to 1000.");
            if (single is null && parse.GetValue(cursorOption) is not null) throw new UsageException("--cursor goes with --limit.");

            var items = new JsonArray();
            var cursor = parse.GetValue(cursorOption);
            ApiResponse response;
            do
            {
                var path = ServicePaths.WithQuery(ServicePaths.Collection, ("limit", size.ToString(CultureInfo.InvariantCulture)),
                    ("cursor", cursor), ("host", parse.GetValue(host)));
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
                ServiceTable.WriteList(body.GetProperty("items").EnumerateArray(), console.Out);
                if (body.GetProperty("next_cursor") is { ValueKind: JsonValueKind.String } next)
                    console.Out.WriteLine($"(more: --cursor {next.GetString()})");
            });
        });
        return command;
    }
}
