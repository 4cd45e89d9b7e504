using Gatehouse.Functional.Tests.Api;
using Gatehouse.Testing.Pki;
using Gatehouse.Testing.Process;
using Microsoft.Playwright;

namespace Gatehouse.Functional.Tests.Console;

/// <summary>
/// Lists people see are paged (DESIGN.md §11), without JavaScript. The SSL list sorted by expiry: soonest first and back
/// to id order, 100 rows a page, the sort kept across pages, searches and a timeline bar — a gatehouse of its own holds
/// 104 objects whose expiry order is the reverse of their id order, so every page boundary tells the two orders apart.
/// The service list: 100 rows a page.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleListPagingTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    private const int Far = 102;

    private static async Task<List<string>> RowsAsync(IPage page) =>
        [.. await page.Locator("#ssl-list tbody tr td:first-child a").AllInnerTextsAsync()];

    private Task<IPage> NoScriptPageAsync() =>
        ConsolePages.SignedInWithoutScriptAsync(fixture.Browser, fixture.Process.AdminUri, GatehouseProcess.Token);

    [Fact]
    public async Task The_service_list_shows_100_rows_a_page_and_the_next_page_continues_after_the_last()
    {
        using var api = fixture.Process.AdminClient();
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 103), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
            ids.Add((await api.CreateServiceAsync(ServiceJson.Body([$"s{i}.paging.test"]))).GetProperty("id").GetString()!));
        var ordered = ids.Order(StringComparer.Ordinal).ToList();
        var page = await NoScriptPageAsync();

        await page.GotoAsync("/services");
        Assert.Equal(ordered[..100], [.. await page.Locator("#service-list tbody tr td.mono").AllInnerTextsAsync()]);
        Assert.Contains("100 shown of 103 services", await page.InnerTextAsync("#service-list caption"));
        await ConsolePages.SubmitAsync(page, "#next-page");
        Assert.Equal(ordered[100..], [.. await page.Locator("#service-list tbody tr td.mono").AllInnerTextsAsync()]);
        Assert.Equal(0, await page.Locator("#next-page").CountAsync());
    }

    [Fact]
    public async Task Sorting_by_expiry_pages_soonest_first_and_keeps_the_sort_across_pages_searches_and_timeline_bars()
    {
        using var api = fixture.Process.AdminClient();
        var keys = new System.Collections.Concurrent.ConcurrentBag<string>();
        async Task<string> CreateAsync(string name, double days)
        {
            var cert = ConsolePages.Expiring(name, days);
            keys.Add(SslJson.Base64Lines(cert.KeyPem)[0]);
            return (await api.CreateAsync(SslJson.Body(cert))).GetProperty("id").GetString()!;
        }

        // Created one after another, so ids rise while expiries fall: n0 expires last, n101 first of the far ones.
        var far = new List<string>();
        for (var i = 0; i < Far; i++) far.Add(await CreateAsync($"n{i}.sort.test", 300 - i));
        var fiveDays = await CreateAsync("five.soon.sort.test", 5);
        var threeDays = await CreateAsync("three.soon.sort.test", 3);
        var idOrder = far.Append(fiveDays).Append(threeDays).ToList();
        var expiryOrder = new List<string> { threeDays, fiveDays }.Concat(Enumerable.Reverse(far)).ToList();

        var page = await NoScriptPageAsync();
        var seen = new List<string>();

        await page.GotoAsync("/ssls");
        Assert.Equal(idOrder[..100], await RowsAsync(page));
        Assert.Equal("none", await page.GetAttributeAsync("#ssl-list th[aria-sort]", "aria-sort"));

        // The Expiry heading sorts soonest first; the next page continues in that order.
        await ConsolePages.SubmitAsync(page, "#sort-expiry");
        Assert.Contains("sort=expiry", page.Url);
        Assert.Equal("ascending", await page.GetAttributeAsync("#ssl-list th[aria-sort]", "aria-sort"));
        Assert.Equal(expiryOrder[..100], await RowsAsync(page));
        seen.Add(await page.ContentAsync());
        await ConsolePages.SubmitAsync(page, "#next-page");
        Assert.Equal(expiryOrder[100..], await RowsAsync(page));
        Assert.Equal(0, await page.Locator("#next-page").CountAsync());
        seen.Add(await page.ContentAsync());

        // A search keeps the sort (the form carries it), over a page boundary too.
        await page.FillAsync("#q", "sort.test");
        await ConsolePages.SubmitAsync(page, "#ssl-filters button[type=submit]");
        Assert.Contains("sort=expiry", page.Url);
        Assert.Equal("expiry", await page.InputValueAsync("#sort"));
        Assert.Equal(expiryOrder[..100], await RowsAsync(page));
        await ConsolePages.SubmitAsync(page, "#next-page");
        Assert.Equal(expiryOrder[100..], await RowsAsync(page));

        // Names n0, n10, … n100 (a dot never appears in an id, so no id matches by chance).
        var tens = Enumerable.Range(0, 11).Select(i => far[i * 10]).ToList();
        await page.FillAsync("#q", "0.sort.test");
        await ConsolePages.SubmitAsync(page, "#ssl-filters button[type=submit]");
        Assert.Equal(Enumerable.Reverse(tens), await RowsAsync(page));
        seen.Add(await page.ContentAsync());

        // Back to id order, the search kept.
        await ConsolePages.SubmitAsync(page, "#sort-default");
        Assert.DoesNotContain("sort=expiry", page.Url);
        Assert.Equal(tens, await RowsAsync(page));
        Assert.Equal("0.sort.test", await page.InputValueAsync("#q"));

        // A timeline bar in either order: the first week holds the two soon objects.
        await page.GotoAsync("/ssls?sort=expiry");
        await ConsolePages.SubmitAsync(page, "#expiry-timeline a[data-key=w1]");
        Assert.Contains("sort=expiry", page.Url);
        Assert.Equal([threeDays, fiveDays], await RowsAsync(page));
        seen.Add(await page.ContentAsync());
        await page.GotoAsync("/ssls?expires=w1");
        Assert.Equal([fiveDays, threeDays], await RowsAsync(page));

        // A cursor that is not a position, or a sort that is not known, is the first page, not an error.
        await page.GotoAsync("/ssls?sort=expiry&after=" + far[5]);
        Assert.Equal(expiryOrder[..100], await RowsAsync(page));
        await page.GotoAsync("/ssls?sort=nonsense");
        Assert.Equal(idOrder[..100], await RowsAsync(page));

        foreach (var html in seen)
        {
            Assert.DoesNotContain("PRIVATE KEY", html);
            Assert.All(keys, line => Assert.DoesNotContain(line, html));
        }
    }
}
