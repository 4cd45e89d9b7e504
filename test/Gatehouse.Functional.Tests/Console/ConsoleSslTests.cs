using Gatehouse.Functional.Tests.Api;
using Gatehouse.Testing.Pki;
using Microsoft.Playwright;

namespace Gatehouse.Functional.Tests.Console;

[Collection(ConsoleCollection.Name)]
public sealed class ConsoleSslTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task Create_by_paste_then_the_details_page_shows_everything_but_the_key()
    {
        var cert = TestPki.SelfSigned("paste.console.test");
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/ssls/create");
        await page.FillAsync("#certificate", cert.ChainPem);
        await page.FillAsync("#private-key", cert.KeyPem);
        await page.FillAsync("#labels", "team-a, paste");
        await ConsolePages.ScreenshotAsync(page, "create");
        await ConsolePages.SubmitAsync(page, "#ssl-form button[type=submit]");

        var id = ConsolePages.SslIdOf(page);
        using var api = fixture.Process.AdminClient();
        var stored = await api.GetSslAsync(id);
        Assert.Equal(cert.FingerprintSha256, stored!.Value.GetProperty("fingerprint_sha256").GetString());
        var html = await page.ContentAsync();
        Assert.Contains("paste.console.test", await page.InnerTextAsync("#ssl-facts"));
        Assert.Contains(cert.FingerprintSha256, html);
        Assert.All(SslJson.Base64Lines(cert.KeyPem), line => Assert.DoesNotContain(line, html));
        Assert.DoesNotContain("PRIVATE KEY", html);
        await ConsolePages.ScreenshotAsync(page, "details");

        await page.GotoAsync("/ssls");
        Assert.Contains(id, await page.InnerTextAsync("#ssl-list"));
        await ConsolePages.ScreenshotAsync(page, "ssl-list");
    }

    [Fact]
    public async Task Create_by_file_upload()
    {
        var cert = TestPki.SelfSigned("file.console.test");
        using var directory = new TempFiles();
        var (certPath, keyPath) = cert.WriteFiles(directory.Path, "file");
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/ssls/create");
        await page.SetInputFilesAsync("#certificate-file", certPath);
        await page.SetInputFilesAsync("#private-key-file", keyPath);
        await ConsolePages.SubmitAsync(page, "#ssl-form button[type=submit]");

        var id = ConsolePages.SslIdOf(page);
        using var api = fixture.Process.AdminClient();
        var stored = await api.GetSslAsync(id);
        Assert.Equal(cert.FingerprintSha256, stored!.Value.GetProperty("fingerprint_sha256").GetString());
        Assert.DoesNotContain(SslJson.Base64Lines(cert.KeyPem)[0], await page.ContentAsync());
    }

    [Fact]
    public async Task A_key_pasted_or_uploaded_into_the_certificate_or_ca_field_never_comes_back_in_the_page()
    {
        var cert = TestPki.SelfSigned(new CertSpec { DnsNames = ["wrongfield.console.test"], Key = KeyKind.Rsa2048 });
        using var directory = new TempFiles();
        var (_, keyPath) = cert.WriteFiles(directory.Path, "wrongfield");
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/ssls/create");
        await page.FillAsync("#certificate", cert.KeyPem);
        await page.FillAsync("#private-key", cert.KeyPem);
        await page.FillAsync("#ca-certificate", cert.KeyPem);
        await ConsolePages.SubmitAsync(page, "#ssl-form button[type=submit]");
        var pasted = await page.ContentAsync();
        Assert.All(SslJson.Base64Lines(cert.KeyPem), line => Assert.DoesNotContain(line, pasted));

        await page.GotoAsync("/ssls/create");
        await page.SetInputFilesAsync("#certificate-file", keyPath);
        await page.SetInputFilesAsync("#ca-certificate-file", keyPath);
        await ConsolePages.SubmitAsync(page, "#ssl-form button[type=submit]");
        var uploaded = await page.ContentAsync();
        Assert.Contains("private key", uploaded, StringComparison.OrdinalIgnoreCase);
        Assert.All(SslJson.Base64Lines(cert.KeyPem), line => Assert.DoesNotContain(line, uploaded));
    }

    [Fact]
    public async Task A_validation_error_is_shown_beside_its_field_the_key_is_not_echoed_and_nothing_is_stored()
    {
        var cert = TestPki.SelfSigned("mismatch.console.test");
        var other = TestPki.SelfSigned("other.console.test");
        using var api = fixture.Process.AdminClient();
        var before = await api.CountSslsAsync();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/ssls/create");
        await page.FillAsync("#certificate", cert.ChainPem);
        await page.FillAsync("#private-key", other.KeyPem);
        await ConsolePages.SubmitAsync(page, "#ssl-form button[type=submit]");

        Assert.EndsWith("/ssls/create", page.Url);
        var keyField = page.Locator(".field.invalid", new PageLocatorOptions { Has = page.Locator("#private-key") });
        Assert.Contains("does not belong to the leaf", await keyField.Locator(".error").InnerTextAsync());
        Assert.Equal("", await page.InputValueAsync("#private-key"));
        Assert.Contains(SslJson.Base64Lines(cert.CertPem)[0], await page.InputValueAsync("#certificate"));
        var html = await page.ContentAsync();
        Assert.All(SslJson.Base64Lines(other.KeyPem), line => Assert.DoesNotContain(line, html));
        Assert.Equal(before, await api.CountSslsAsync());
    }

    [Fact]
    public async Task Update_shows_the_impact_from_a_dry_run_then_saves_when_confirmed()
    {
        using var api = fixture.Process.AdminClient();
        var old = TestPki.SelfSigned("shop.update.test");
        var id = (await api.CreateAsync(SslJson.Body(old))).GetProperty("id").GetString()!;
        var serviceId = await api.CreateHttpsServiceAsync("shop-update", "shop.update.test", "new.update.test");
        var renewed = TestPki.SelfSigned("shop.update.test", "new.update.test");

        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/ssls/{id}/edit");
        Assert.Contains(SslJson.Base64Lines(old.CertPem)[0], await page.InputValueAsync("#certificate"));
        Assert.Equal("", await page.InputValueAsync("#private-key"));
        await page.FillAsync("#certificate", renewed.ChainPem);
        await page.FillAsync("#private-key", renewed.KeyPem);
        await ConsolePages.SubmitAsync(page, "#preview");

        var gaining = await page.InnerTextAsync("#hosts-gaining");
        Assert.Contains("new.update.test", gaining);
        Assert.Contains(serviceId, gaining);
        Assert.Equal(old.FingerprintSha256, (await api.GetSslAsync(id))!.Value.GetProperty("fingerprint_sha256").GetString());
        Assert.Equal("", await page.InputValueAsync("#private-key"));
        var previewHtml = await page.ContentAsync();
        Assert.All(SslJson.Base64Lines(renewed.KeyPem), line => Assert.DoesNotContain(line, previewHtml));
        await ConsolePages.ScreenshotAsync(page, "update-impact");

        await page.FillAsync("#private-key", renewed.KeyPem);
        await ConsolePages.SubmitAsync(page, "#save");
        Assert.EndsWith($"/ssls/{id}?updated=true", page.Url);
        Assert.Equal(renewed.FingerprintSha256, (await api.GetSslAsync(id))!.Value.GetProperty("fingerprint_sha256").GetString());
    }

    [Fact]
    public async Task Delete_is_refused_with_a_wrong_id_and_done_with_the_right_one()
    {
        using var api = fixture.Process.AdminClient();
        var id = (await api.CreateAsync(SslJson.Body(TestPki.SelfSigned("delete.console.test")))).GetProperty("id").GetString()!;
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/ssls/{id}/delete");
        await page.FillAsync("#confirm", id[..^1] + (id[^1] == 'a' ? 'b' : 'a'));
        await ConsolePages.SubmitAsync(page, "#delete");
        Assert.Contains("does not match", await page.InnerTextAsync(".field.invalid .error"));
        Assert.NotNull(await api.GetSslAsync(id));

        await page.FillAsync("#confirm", id);
        await ConsolePages.SubmitAsync(page, "#delete");
        Assert.Contains($"/ssls?deleted={id}", page.Url);
        Assert.Null(await api.GetSslAsync(id));
    }

    [Fact]
    public async Task Deleting_the_only_object_covering_an_https_host_needs_an_explicit_force()
    {
        using var api = fixture.Process.AdminClient();
        var id = (await api.CreateAsync(SslJson.Body(TestPki.SelfSigned("guard.console.test")))).GetProperty("id").GetString()!;
        var serviceId = await api.CreateHttpsServiceAsync("guarded", "guard.console.test");
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/ssls/{id}/delete");
        Assert.Contains("guard.console.test", await page.InnerTextAsync("#hosts-losing"));
        Assert.False(await page.IsCheckedAsync("#force"));
        await ConsolePages.ScreenshotAsync(page, "delete");

        await page.FillAsync("#confirm", id);
        await ConsolePages.SubmitAsync(page, "#delete");
        var guards = await page.InnerTextAsync("#guards");
        Assert.Contains("would_uncover", guards);
        Assert.Contains(serviceId, guards);
        Assert.NotNull(await api.GetSslAsync(id));

        await page.FillAsync("#confirm", id);
        await page.CheckAsync("#force");
        await ConsolePages.SubmitAsync(page, "#delete");
        Assert.Contains("deleted=", page.Url);
        Assert.Null(await api.GetSslAsync(id));
    }

    [Fact]
    public async Task The_list_filters_by_text_and_type()
    {
        using var api = fixture.Process.AdminClient();
        var server = (await api.CreateAsync(SslJson.Body(TestPki.SelfSigned("filter-server.console.test")))).GetProperty("id").GetString()!;
        var clientCert = TestPki.SelfSigned(new CertSpec { CommonName = "filter-client", DnsNames = ["filter-client.console.test"], ExtendedKeyUsages = [Oids.ClientAuth] });
        var client = (await api.CreateAsync(SslJson.Body(clientCert, type: "client"))).GetProperty("id").GetString()!;
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/ssls?q=filter-&type=client");
        var list = await page.InnerTextAsync("#ssl-list");
        Assert.Contains(client, list);
        Assert.DoesNotContain(server, list);
        await page.GotoAsync("/ssls?q=FILTER-SERVER");
        Assert.Contains(server, await page.InnerTextAsync("#ssl-list"));
        Assert.Contains("ok", await page.InnerTextAsync("#ssl-list .badge"));
    }
}
