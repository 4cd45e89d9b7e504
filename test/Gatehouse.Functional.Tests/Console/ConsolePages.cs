using System.Text.RegularExpressions;
using Gatehouse.Testing.Pki;
using Microsoft.Playwright;

namespace Gatehouse.Functional.Tests.Console;

/// <summary>What the console tests do with a page: sign in (with JavaScript off if asked), submit a form, save a screenshot for the README; and the certificates they list.</summary>
public static partial class ConsolePages
{
    public static async Task SignInAsync(IPage page, string token)
    {
        await page.GotoAsync("/signin");
        await page.FillAsync("#token", token);
        await SubmitAsync(page, "main form button[type=submit]");
    }

    /// <summary>
    /// A signed-in page of a new browser context with JavaScript off (the console works without it); close it with
    /// <c>page.Context.CloseAsync()</c>.
    /// </summary>
    public static async Task<IPage> SignedInWithoutScriptAsync(IBrowser browser, Uri adminUri, string token, bool acceptDownloads = false)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = adminUri.ToString().TrimEnd('/'), JavaScriptEnabled = false, AcceptDownloads = acceptDownloads,
        });
        var page = await context.NewPageAsync();
        await SignInAsync(page, token);
        return page;
    }

    /// <summary>A self-signed certificate for <paramref name="name"/>, valid from 30 days ago until <paramref name="days"/> from now.</summary>
    public static TestCert Expiring(string name, double days) => TestPki.SelfSigned(new CertSpec
    {
        CommonName = name, DnsNames = [name], NotBefore = DateTimeOffset.UtcNow.AddDays(-30), NotAfter = DateTimeOffset.UtcNow.AddDays(days),
    });

    /// <summary>Clicks a submit button and waits for the page the server answers with.</summary>
    /// <remarks>
    /// A refused form answers on the same URL, so <c>WaitForURLAsync</c> cannot tell the new page from the old:
    /// waiting for the navigation itself is the reliable signal, obsolete or not.
    /// </remarks>
    public static async Task SubmitAsync(IPage page, string selector)
    {
#pragma warning disable CS0612
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync(selector));
#pragma warning restore CS0612
    }

    /// <summary>The SSL object id in a <c>/ssls/{id}</c> URL.</summary>
    public static string SslIdOf(IPage page) => IdPattern().Match(page.Url).Groups[1].Value;

    /// <summary>Saves <c>docs/console/{name}.png</c> when <c>GATEHOUSE_CONSOLE_SCREENSHOTS=1</c> (run once to refresh the README's pictures).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("GATEHOUSE_CONSOLE_SCREENSHOTS") != "1") return;
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Gatehouse.sln"))) directory = directory.Parent;
        if (directory is null) return;
        var path = Path.Combine(directory.FullName, "docs", "console", name + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
    }

    [GeneratedRegex("/ssls/([0-9a-z]{26})")]
    private static partial Regex IdPattern();
}
