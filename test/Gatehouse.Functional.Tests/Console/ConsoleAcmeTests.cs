using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Functional.Tests.Access;
using Gatehouse.Functional.Tests.Api;
using Microsoft.Playwright;

namespace Gatehouse.Functional.Tests.Console;

/// <summary>
/// Managed (ACME) objects in the console (DESIGN.md §8, §12): an operator creates one from an issuer and names, sees it
/// pending in the list, its ACME state and history, and forces a renewal; a viewer sees the same and can do none of it.
/// The issuer's CA cannot be reached (acme.invalid), so the worker's attempts fail and fill the history.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleAcmeTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    private static async Task<string> CreateIssuerAsync(HttpClient admin)
    {
        var (status, issuer, text) = await admin.SendAsync(HttpMethod.Post, "/api/v1/acme/issuers", new JsonObject
        {
            ["directory_url"] = "https://acme.invalid/dir", ["contact"] = new JsonArray("mailto:ops@console.test"),
        });
        Assert.True(status == 201, text);
        return issuer.GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task An_operator_creates_a_managed_object_sees_it_pending_with_its_state_and_history_and_forces_a_renewal()
    {
        using var admin = fixture.Process.AdminClient();
        var issuer = await CreateIssuerAsync(admin);
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/ssls");
        await page.ClickAsync("#create-managed");
        Assert.EndsWith("/ssls/acme/create", page.Url);
        Assert.Equal(1, await page.Locator($"#issuer option[value='{issuer}']").CountAsync());

        // A wildcard is refused beside its field; nothing is created.
        await page.SelectOptionAsync("#issuer", issuer);
        await page.FillAsync("#domains", "*.wild.console.test");
        await ConsolePages.SubmitAsync(page, "#managed-form button[type=submit]");
        Assert.EndsWith("/ssls/acme/create", page.Url);
        Assert.Equal(1, await page.Locator("#form-errors").CountAsync());
        Assert.Contains("wildcard", await page.InnerTextAsync("#managed-form"));
        Assert.DoesNotContain(await PendingDomainsAsync(admin), d => d.Contains("wild.console.test"));

        await page.SelectOptionAsync("#issuer", issuer);
        await page.FillAsync("#domains", "managed.console.test\nwww.managed.console.test");
        await page.SelectOptionAsync("#challenge", "tls-alpn-01");
        await ConsolePages.SubmitAsync(page, "#managed-form button[type=submit]");
        var id = ConsolePages.SslIdOf(page);
        Assert.True(id.Length > 0, page.Url);
        Assert.Equal("pending", await page.InnerTextAsync("#pending-status"));
        Assert.Equal("managed.console.test, www.managed.console.test", await page.InnerTextAsync("#acme-domains"));
        var api = (await admin.SendAsync(HttpMethod.Get, $"/api/v1/ssls/{id}")).Body;
        Assert.Equal("tls-alpn-01", api.GetProperty("acme").GetProperty("challenge").GetString());

        await page.GotoAsync("/ssls");
        Assert.Contains(id, await page.InnerTextAsync("#pending-list"));

        // The worker's first attempt fails (the CA's name does not resolve): the state, the error and the history show it.
        await page.GotoAsync($"/ssls/{id}");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (await page.Locator("#acme-history").CountAsync() == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            await page.ReloadAsync();
        }
        Assert.Contains("failed", await page.InnerTextAsync("#acme-history"));
        Assert.Equal("failed", await page.InnerTextAsync("#acme-state"));
        Assert.Contains("could not reach the CA", await page.InnerTextAsync("#acme-error"));
        await ConsolePages.ScreenshotAsync(page, "acme-pending");

        // Renew now: the next attempt is due at once (the backoff is cleared).
        var before = (await admin.SendAsync(HttpMethod.Get, $"/api/v1/ssls/{id}")).Body.GetProperty("acme").GetProperty("next_attempt_at").GetDateTimeOffset();
        await ConsolePages.SubmitAsync(page, "#acme-renew button[type=submit]");
        Assert.Equal(1, await page.Locator("#renewal-requested").CountAsync());
        var after = (await admin.SendAsync(HttpMethod.Get, $"/api/v1/ssls/{id}")).Body.GetProperty("acme");
        Assert.True(after.GetProperty("next_attempt_at").GetDateTimeOffset() < before || after.GetProperty("history").GetArrayLength() > 1, after.ToString());
        // A pending object has nothing to keep: no Detach.
        Assert.Equal(0, await page.Locator("#acme-detach").CountAsync());

        Assert.Equal(204, (await admin.SendAsync(HttpMethod.Delete, $"/api/v1/ssls/{id}?confirm={id}")).Status);
    }

    [Fact]
    public async Task A_viewer_sees_the_acme_state_but_cannot_create_renew_or_detach()
    {
        using var admin = fixture.Process.AdminClient();
        var issuer = await CreateIssuerAsync(admin);
        var (status, created, text) = await admin.SendAsync(HttpMethod.Post, "/api/v1/ssls", new JsonObject
        {
            ["acme"] = new JsonObject { ["issuer"] = issuer, ["domains"] = new JsonArray("viewer.console.test") },
        });
        Assert.True(status == 201, text);
        var id = created.GetProperty("id").GetString()!;
        var secret = await NamedTokens.CreateAsync(admin, "console-acme-viewer", "viewer");

        var page = await fixture.NewPageAsync(signIn: false);
        await ConsolePages.SignInAsync(page, secret);
        Assert.Equal(0, await page.Locator("#create-managed").CountAsync());
        await page.GotoAsync($"/ssls/{id}");
        Assert.Equal("viewer.console.test", await page.InnerTextAsync("#acme-domains"));
        Assert.Equal(1, await page.Locator("#acme-state").CountAsync());
        Assert.Equal(0, await page.Locator("#acme-renew, #acme-detach").CountAsync());
        var response = await page.GotoAsync("/ssls/acme/create");
        Assert.Equal(403, response!.Status);

        // Posting the forms anyway, with a real antiforgery token of the session: refused by role, nothing changes.
        using var viewer = ConsoleClient.Create(fixture.Process.AdminUri);
        Assert.Equal(HttpStatusCode.Found, (await viewer.SignInAsync(secret)).StatusCode);
        var csrf = await viewer.CsrfAsync("/ssls");
        var before = (await admin.SendAsync(HttpMethod.Get, $"/api/v1/ssls/{id}")).Body.GetProperty("acme").GetProperty("next_attempt_at").GetRawText();
        foreach (var handler in new[] { "renew", "detach" })
        {
            using var posted = await viewer.Http.PostAsync($"/ssls/{id}?handler={handler}", new FormUrlEncodedContent([new("__csrf", csrf)]));
            Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        }
        using var smuggled = await viewer.Http.PostAsync("/ssls/acme/create", new FormUrlEncodedContent(
            [new("Issuer", issuer), new("Domains", "smuggled.console.test"), new("__csrf", csrf)]));
        Assert.Equal(HttpStatusCode.Forbidden, smuggled.StatusCode);
        Assert.DoesNotContain("smuggled.console.test", await PendingDomainsAsync(admin));
        var current = (await admin.SendAsync(HttpMethod.Get, $"/api/v1/ssls/{id}")).Body.GetProperty("acme");
        // The worker may have attempted meanwhile (then the schedule moved later, never to "now" by the viewer).
        Assert.True(current.GetProperty("next_attempt_at").GetRawText() == before || current.GetProperty("history").GetArrayLength() > 0, current.ToString());

        Assert.Equal(204, (await admin.SendAsync(HttpMethod.Delete, $"/api/v1/ssls/{id}?confirm={id}")).Status);
    }

    private static async Task<List<string>> PendingDomainsAsync(HttpClient admin)
    {
        var (_, page, _) = await admin.SendAsync(HttpMethod.Get, "/api/v1/ssls?status=pending&limit=1000");
        return [.. page.GetProperty("items").EnumerateArray().SelectMany(i => i.GetProperty("acme").GetProperty("domains").EnumerateArray())
            .Select(d => d.GetString()!)];
    }
}
