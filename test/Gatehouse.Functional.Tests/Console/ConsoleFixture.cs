using Gatehouse.Testing.Process;
using Microsoft.Playwright;

namespace Gatehouse.Functional.Tests.Console;

/// <summary>
/// One real gatehouse process and one headless Chromium (Debian's <c>/usr/bin/chromium</c>; never a downloaded
/// browser) shared by the console tests of a class.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private GatehouseProcess? _process;

    public GatehouseProcess Process => _process ?? throw new InvalidOperationException("not started");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _process = await GatehouseProcess.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser context (own cookies) on the admin listener, signed in unless told otherwise.</summary>
    public async Task<IPage> NewPageAsync(bool signIn = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Process.AdminUri.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = 1200, Height = 900 },
        });
        var page = await context.NewPageAsync();
        if (signIn) await ConsolePages.SignInAsync(page, GatehouseProcess.Token);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_process is not null) await _process.DisposeAsync();
    }
}
