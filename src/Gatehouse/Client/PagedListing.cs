using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Hosting.Errors;

namespace Gatehouse.Client;

/// <summary>
/// The paging of every <c>list</c> command: <c>--limit</c> fetches one page (printed as the API sent it, with
/// its next_cursor); without it every page is fetched and joined into one <c>{items, next_cursor: null}</c>.
/// </summary>
internal sealed class PagedListing
{
    private readonly Option<int?> _limit;
    private readonly Option<string?> _cursor;
    private readonly Option<int> _pageSize;

    public PagedListing(string plural)
    {
        _limit = new Option<int?>("--limit") { Description = $"Fetch one page of at most N {plural} (1-1000) and print its next_cursor, instead of listing all." };
        _cursor = new Option<string?>("--cursor") { Description = "With --limit: start after this next_cursor of an earlier page." };
        _pageSize = new Option<int>("--page-size") { Description = $"{char.ToUpperInvariant(plural[0])}{plural[1..]} per request when listing all (1-1000).", DefaultValueFactory = _ => 100 };
    }

    public IEnumerable<Option> Options => [_limit, _cursor, _pageSize];

    /// <param name="path">The collection path for a page, given its limit and cursor as query parameters.</param>
    /// <param name="table">Writes the items as a table for people.</param>
    public async Task<int> RunAsync(ParseResult parse, AdminApi api, ClientConsole console,
        Func<(string Name, string? Value)[], string> path, Action<IEnumerable<JsonElement>, TextWriter> table, CancellationToken cancellationToken)
    {
        var single = parse.GetValue(_limit);
        var size = single ?? parse.GetValue(_pageSize);
        if (size is < 1 or > 1000) throw new UsageException($"{(single is null ? "--page-size" : "--limit")} must be from 1 to 1000.");
        if (single is null && parse.GetValue(_cursor) is not null) throw new UsageException("--cursor goes with --limit.");

        var items = new JsonArray();
        var cursor = parse.GetValue(_cursor);
        ApiResponse response;
        do
        {
            response = await api.GetAsync(path([("limit", size.ToString(CultureInfo.InvariantCulture)), ("cursor", cursor)]), cancellationToken);
            if (!response.IsSuccess) return console.ApiError(response);
            var page = JsonNode.Parse(response.Body)!.AsObject();
            foreach (var item in page["items"]!.AsArray().ToList()) items.Add(item!.DeepClone());
            cursor = page["next_cursor"]?.GetValue<string>();
        }
        while (single is null && cursor is not null);

        var all = single is null ? new ApiResponse(200, new JsonObject { ["items"] = items, ["next_cursor"] = null }.ToJsonString(), null) : response;
        return console.Success(all, body =>
        {
            table(body.GetProperty("items").EnumerateArray(), console.Out);
            if (body.GetProperty("next_cursor") is { ValueKind: JsonValueKind.String } next)
                console.Out.WriteLine($"(more: --cursor {next.GetString()})");
        });
    }
}
