using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gatehouse.Client;

/// <summary>
/// The paging of every <c>list</c> command (DESIGN.md §11: the CLI pages unless asked for all). By default one page of
/// <c>--limit</c> items (the API's default, 100) is printed as the API sent it, and when there are more a hint naming
/// <c>--cursor</c> and <c>--all</c> goes to stderr, so stdout stays the table or the API's JSON. <c>--all</c> (or
/// <c>--page-size</c>, which has always meant listing all) follows <c>next_cursor</c> and prints one joined
/// <c>{items, next_cursor: null}</c>.
/// </summary>
internal sealed class PagedListing
{
    private const int DefaultPage = 100;

    private readonly Option<int?> _limit;
    private readonly Option<string?> _cursor;
    private readonly Option<bool> _all;
    private readonly Option<int?> _pageSize;

    public PagedListing(string plural)
    {
        _limit = new Option<int?>("--limit") { Description = $"At most N {plural} per page (1-1000, default {DefaultPage})." };
        _cursor = new Option<string?>("--cursor") { Description = "Start after this next_cursor of an earlier page." };
        _all = new Option<bool>("--all") { Description = $"Fetch every page and print all {plural} (next_cursor null)." };
        _pageSize = new Option<int?>("--page-size") { Description = $"{char.ToUpperInvariant(plural[0])}{plural[1..]} per request when listing all (1-1000); implies --all." };
    }

    public IEnumerable<Option> Options => [_limit, _cursor, _all, _pageSize];

    /// <param name="path">The collection path for a page, given its limit and cursor as query parameters.</param>
    /// <param name="table">Writes the items as a table for people.</param>
    public async Task<int> RunAsync(ParseResult parse, AdminApi api, ClientConsole console,
        Func<(string Name, string? Value)[], string> path, Action<IEnumerable<JsonElement>, TextWriter> table, CancellationToken cancellationToken)
    {
        var (limit, pageSize) = (parse.GetValue(_limit), parse.GetValue(_pageSize));
        if (limit is not null && pageSize is not null) throw new UsageException("--limit and --page-size both set the page size: give one.");
        var size = limit ?? pageSize ?? DefaultPage;
        if (size is < 1 or > 1000) throw new UsageException($"{(limit is null ? "--page-size" : "--limit")} must be from 1 to 1000.");
        var all = parse.GetValue(_all) || pageSize is not null;

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
        while (all && cursor is not null);

        var printed = all ? new ApiResponse(200, new JsonObject { ["items"] = items, ["next_cursor"] = null }.ToJsonString(), null) : response;
        var exitCode = console.Success(printed, body => table(body.GetProperty("items").EnumerateArray(), console.Out));
        if (!all && cursor is not null)
            console.Error.WriteLine($"(more: --cursor {cursor} for the next page, --all for every page)");
        return exitCode;
    }
}
