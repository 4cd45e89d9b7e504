using Gatehouse.Functional.Tests.Api;
using Gatehouse.Functional.Tests.Cli;
using Gatehouse.Testing.Pki;
using Gatehouse.Testing.Process;
using Microsoft.Playwright;

namespace Gatehouse.Functional.Tests.Console;

/// <summary>The console's "Export" link (DESIGN.md §8, §13) downloads the document <c>gatehouse export</c> prints, without keys.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleExportTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task The_export_link_downloads_the_same_document_as_the_cli()
    {
        using var api = fixture.Process.AdminClient();
        var cert = TestPki.SelfSigned("export.console.test");
        var body = SslJson.Body(cert);
        body["name"] = "console-export";
        await api.CreateAsync(body);
        using var cli = new CliHarness(fixture.Process);
        var exported = await cli.RunAsync("export");
        Assert.True(exported.ExitCode == 0, exported.ToString());

        var page = await ConsolePages.SignedInWithoutScriptAsync(fixture.Browser, fixture.Process.AdminUri, GatehouseProcess.Token,
            acceptDownloads: true);
        var context = page.Context;
        await page.GotoAsync("/ssls");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export"));
        var text = await File.ReadAllTextAsync(await download.PathAsync());

        Assert.Equal("gatehouse.yaml", download.SuggestedFilename);
        Assert.Equal(exported.Out, text);
        Assert.Contains("name: console-export", text, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", text, StringComparison.Ordinal);
        Assert.All(SslJson.Base64Lines(cert.KeyPem), line => Assert.DoesNotContain(line, text, StringComparison.Ordinal));
        await context.CloseAsync();
    }
}
