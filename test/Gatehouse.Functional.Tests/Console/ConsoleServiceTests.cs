using Gatehouse.Functional.Tests.Api;
using Gatehouse.Testing.Pki;

namespace Gatehouse.Functional.Tests.Console;

[Collection(ConsoleCollection.Name)]
public sealed class ConsoleServiceTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task A_service_created_in_the_console_shows_its_tls_coverage_per_host()
    {
        using var api = fixture.Process.AdminClient();
        var sslId = (await api.CreateAsync(SslJson.Body(TestPki.SelfSigned("*.shop.console.test")))).GetProperty("id").GetString()!;
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/services/create");
        await page.FillAsync("#name", "shop");
        await page.FillAsync("#hosts", "www.shop.console.test\nbare.console.test");
        await page.FillAsync("#targets", "127.0.0.1:8080 5");
        await ConsolePages.SubmitAsync(page, "#service-form button[type=submit]");

        Assert.Contains("saved=true", page.Url);
        var coverage = await page.InnerTextAsync("#coverage");
        Assert.Contains(sslId, coverage);
        Assert.Contains("wildcard", coverage);
        Assert.Contains("No SSL object covers this host", coverage);
        await ConsolePages.ScreenshotAsync(page, "service-details");

        await page.GotoAsync("/services");
        Assert.Contains("1 HTTPS host(s) uncovered", await page.InnerTextAsync("#service-list"));
        await ConsolePages.ScreenshotAsync(page, "services-list");
    }

    [Fact]
    public async Task Service_form_errors_are_shown_beside_their_fields()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/services/create");
        await page.FillAsync("#name", "broken");
        await page.FillAsync("#hosts", "ok.console.test");
        await page.FillAsync("#targets", "no-port-here");
        await ConsolePages.SubmitAsync(page, "#service-form button[type=submit]");
        Assert.EndsWith("/services/create", page.Url);
        Assert.Contains("Line 1", await page.InnerTextAsync(".field.invalid:has(#targets) .error"));
    }

    [Fact]
    public async Task Service_edit_previews_then_saves_and_delete_needs_the_typed_id()
    {
        using var api = fixture.Process.AdminClient();
        var id = await api.CreateHttpsServiceAsync("edit-me", "edit.console.test");
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/services/{id}/edit");
        await page.FillAsync("#hosts", "edit.console.test\nmore.console.test");
        await ConsolePages.SubmitAsync(page, "#preview");
        Assert.Contains("more.console.test", await page.InnerTextAsync("#impact"));
        var (_, unchanged, _) = await api.SendAsync(HttpMethod.Get, $"/api/v1/services/{id}");
        Assert.Equal(1, unchanged.GetProperty("hosts").GetArrayLength());
        await ConsolePages.SubmitAsync(page, "#save");
        Assert.Contains("saved=true", page.Url);
        var (_, saved, _) = await api.SendAsync(HttpMethod.Get, $"/api/v1/services/{id}");
        Assert.Equal(2, saved.GetProperty("hosts").GetArrayLength());

        await page.GotoAsync($"/services/{id}/delete");
        await page.FillAsync("#confirm", "not-the-id");
        await ConsolePages.SubmitAsync(page, "#delete");
        Assert.Contains("does not match", await page.InnerTextAsync(".field.invalid .error"));
        await page.FillAsync("#confirm", id);
        await ConsolePages.SubmitAsync(page, "#delete");
        var (status, _, _) = await api.SendAsync(HttpMethod.Get, $"/api/v1/services/{id}");
        Assert.Equal(404, status);
    }
}
