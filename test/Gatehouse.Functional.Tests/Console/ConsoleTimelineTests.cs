using Gatehouse.Functional.Tests.Api;
using Gatehouse.Testing.Pki;
using Gatehouse.Testing.Process;
using Microsoft.Playwright;

namespace Gatehouse.Functional.Tests.Console;

/// <summary>The expiry timeline on the SSL list (DESIGN.md §8, §12): server-rendered SVG, bars that link to the filtered list, no JavaScript.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleTimelineTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task Bars_count_objects_per_week_and_link_to_the_filtered_list_without_javascript()
    {
        using var api = fixture.Process.AdminClient();
        var expired = (await api.CreateAsync(SslJson.Body(ConsolePages.Expiring("expired.timeline.test", -2)))).GetProperty("id").GetString()!;
        var soon = (await api.CreateAsync(SslJson.Body(ConsolePages.Expiring("soon.timeline.test", 3)))).GetProperty("id").GetString()!;
        var third = (await api.CreateAsync(SslJson.Body(ConsolePages.Expiring("third.timeline.test", 17)))).GetProperty("id").GetString()!;
        var later = (await api.CreateAsync(SslJson.Body(ConsolePages.Expiring("later.timeline.test", 200)))).GetProperty("id").GetString()!;

        var page = await ConsolePages.SignedInWithoutScriptAsync(fixture.Browser, fixture.Process.AdminUri, GatehouseProcess.Token);
        var context = page.Context;
        await page.GotoAsync("/ssls");

        Assert.Equal(14, await page.Locator("#expiry-timeline a.timeline-bar").CountAsync());
        Assert.Equal("1", await page.GetAttributeAsync("#expiry-timeline a[data-key=expired]", "data-count"));
        Assert.Equal("1", await page.GetAttributeAsync("#expiry-timeline a[data-key=w1]", "data-count"));
        Assert.Equal("1", await page.GetAttributeAsync("#expiry-timeline a[data-key=w3]", "data-count"));
        Assert.Equal("0", await page.GetAttributeAsync("#expiry-timeline a[data-key=w2]", "data-count"));
        Assert.DoesNotContain("<script", await page.ContentAsync(), StringComparison.OrdinalIgnoreCase);
        await ConsolePages.ScreenshotAsync(page, "timeline");

        // The page as the server sent it, fetched over plain HTTP with the session cookie: the chart is in the HTML.
        var cookies = await context.CookiesAsync();
        using var http = new HttpClient { BaseAddress = fixture.Process.AdminUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ssls");
        request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}")));
        using var response = await http.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<svg id=\"expiry-timeline\"", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"\son[a-z]+\s*=", html);
        Assert.Equal(14, System.Text.RegularExpressions.Regex.Matches(html, "<a href=\"/ssls\\?expires=(expired|w[0-9]+)\" class=\"timeline-bar\"").Count);
        foreach (var (key, count) in new[] { ("expired", 1), ("w1", 1), ("w2", 0), ("w3", 1), ("w13", 0) })
            Assert.Contains($"<a href=\"/ssls?expires={key}\" class=\"timeline-bar\" data-key=\"{key}\" data-count=\"{count}\">", html);

        // The bar is a plain link: following it lists only the objects in that week.
#pragma warning disable CS0612
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync("#expiry-timeline a[data-key=w3]"));
#pragma warning restore CS0612
        Assert.EndsWith("/ssls?expires=w3", page.Url);
        var list = await page.InnerTextAsync("#ssl-list");
        Assert.Contains(third, list);
        Assert.DoesNotContain(soon, list);
        Assert.DoesNotContain(expired, list);
        Assert.DoesNotContain(later, list);

        await page.GotoAsync("/ssls?expires=expired");
        list = await page.InnerTextAsync("#ssl-list");
        Assert.Contains(expired, list);
        Assert.DoesNotContain(third, list);
        await context.CloseAsync();
    }
}
