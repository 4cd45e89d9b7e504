using System.Text.Json;
using Gatehouse.Functional.Tests.Api;
using Gatehouse.Testing.Pki;

namespace Gatehouse.Functional.Tests.Cli;

/// <summary>
/// DESIGN.md §11: the CLI pages unless asked for all. A gatehouse of its own holds 105 objects (more than the API's default
/// page of 100), so the default page, the hint on stderr, <c>--cursor</c> and <c>--all</c> are seen over real pages.
/// </summary>
public sealed class ListPagingCliTests(GatehouseFixture fixture) : IClassFixture<GatehouseFixture>, IDisposable
{
    private const int Objects = 105;
    private readonly CliHarness _cli = new(fixture.Process);

    private async Task<List<string>> CreateObjectsAsync()
    {
        var root = TestPki.CreateRoot("Paging Root");
        var admin = fixture.Process.AdminClient();
        // Through the harness, so every run below checks that none of these keys is printed.
        var leaves = Enumerable.Range(0, Objects).Select(i => root.Issue($"n{i}.paging-cli.test")).ToList();
        for (var i = 0; i < Objects; i++) _cli.Write(leaves[i], $"n{i}");
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(leaves, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (leaf, _) =>
            ids.Add((await admin.CreateAsync(SslJson.Body(leaf))).GetProperty("id").GetString()!));
        return [.. ids.Order(StringComparer.Ordinal)];
    }

    private static List<string> Ids(CliRun run) =>
        [.. run.OutJson.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];

    /// <summary>The ids in the first column of a table, below its header.</summary>
    private static List<string> TableIds(CliRun run) =>
        [.. run.Out.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(' ')[0])];

    [Fact]
    public async Task Ssl_list_prints_one_page_with_the_next_cursor_on_stderr_and_all_pages_only_when_asked()
    {
        var ids = await CreateObjectsAsync();
        var hint = $"(more: --cursor {ids[99]} for the next page, --all for every page)";

        var table = await _cli.RunAsync("ssl", "list");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.StartsWith("ID ", table.Out);
        Assert.Equal(ids[..100], TableIds(table));
        Assert.Equal(hint, table.Error.Trim());

        // Under -o json stdout is the API's page as sent (its next_cursor included); the hint stays on stderr.
        var json = await _cli.RunAsync("ssl", "list", "-o", "json");
        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.Equal(ids[..100], Ids(json));
        Assert.Equal(ids[99], json.OutJson.GetProperty("next_cursor").GetString());
        Assert.Equal(hint, json.Error.Trim());

        var rest = await _cli.RunAsync("ssl", "list", "--cursor", ids[99], "-o", "json");
        Assert.True(rest.ExitCode == 0, rest.ToString());
        Assert.Equal(ids[100..], Ids(rest));
        Assert.Equal(JsonValueKind.Null, rest.OutJson.GetProperty("next_cursor").ValueKind);
        Assert.Equal("", rest.Error);

        var small = await _cli.RunAsync("ssl", "list", "--limit", "7", "--cursor", ids[9]);
        Assert.Equal(ids[10..17], TableIds(small));
        Assert.Equal($"(more: --cursor {ids[16]} for the next page, --all for every page)", small.Error.Trim());

        var all = await _cli.RunAsync("ssl", "list", "--all", "-o", "json");
        Assert.True(all.ExitCode == 0, all.ToString());
        Assert.Equal(ids, Ids(all));
        Assert.Equal(JsonValueKind.Null, all.OutJson.GetProperty("next_cursor").ValueKind);
        Assert.Equal("", all.Error);
        Assert.DoesNotContain("PRIVATE KEY", all.Out);

        var allTable = await _cli.RunAsync("ssl", "list", "--all", "--limit", "30");
        Assert.Equal(ids, TableIds(allTable));
        Assert.Equal("", allTable.Error);

        // --page-size has always meant "listing all, N per request", so it still lists all.
        Assert.Equal(ids, Ids(await _cli.RunAsync("ssl", "list", "--page-size", "40", "-o", "json")));

        // --sort expiry pages by the API's (expiry, id) cursor; --all follows it to the end.
        var byExpiry = await _cli.RunAsync("ssl", "list", "--sort", "expiry", "--all", "--limit", "50", "-o", "json");
        Assert.True(byExpiry.ExitCode == 0, byExpiry.ToString());
        var expiries = byExpiry.OutJson.GetProperty("items").EnumerateArray()
            .Select(i => (NotAfter: i.GetProperty("not_after").GetDateTimeOffset(), Id: i.GetProperty("id").GetString()!)).ToList();
        Assert.Equal(ids, expiries.Select(e => e.Id).Order(StringComparer.Ordinal));
        Assert.Equal(expiries.OrderBy(e => e.NotAfter).ThenBy(e => e.Id, StringComparer.Ordinal), expiries);
        var firstByExpiry = await _cli.RunAsync("ssl", "list", "--sort", "expiry", "--limit", "3");
        Assert.Equal(expiries.Take(3).Select(e => e.Id), TableIds(firstByExpiry));
        Assert.Matches($@"^\(more: --cursor [0-9]+-{expiries[2].Id} for the next page, --all for every page\)$", firstByExpiry.Error.Trim());
        Assert.Equal(2, (await _cli.RunAsync("ssl", "list", "--sort", "soonest")).ExitCode);

        var both = await _cli.RunAsync("ssl", "list", "--limit", "5", "--page-size", "5");
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("--limit and --page-size", both.Error);
        Assert.Equal(2, (await _cli.RunAsync("ssl", "list", "--limit", "1001")).ExitCode);
    }

    public void Dispose() => _cli.Dispose();
}
