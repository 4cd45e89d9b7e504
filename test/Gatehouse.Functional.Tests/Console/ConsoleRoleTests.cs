using System.Net;
using Gatehouse.Functional.Tests.Access;
using Gatehouse.Functional.Tests.Api;
using Gatehouse.Testing.Pki;

namespace Gatehouse.Functional.Tests.Console;

/// <summary>The console follows the signed-in token's role (DESIGN.md §14) and ends the session with the token.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleRoleTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task A_viewer_sees_no_write_buttons_and_no_write_page()
    {
        using var admin = fixture.Process.AdminClient();
        var id = (await admin.CreateAsync(SslJson.Body(TestPki.SelfSigned("viewer-sees.test")))).GetProperty("id").GetString()!;
        var serviceId = await admin.CreateHttpsServiceAsync("viewer-sees", "viewer-sees.test");
        var secret = await NamedTokens.CreateAsync(admin, "console-viewer", "viewer");

        var page = await fixture.NewPageAsync(signIn: false);
        await ConsolePages.SignInAsync(page, secret);
        Assert.EndsWith("/ssls", page.Url);
        Assert.Contains("console-viewer (viewer)", await page.InnerTextAsync("#principal"));
        Assert.Contains(id, await page.ContentAsync());
        Assert.Equal(0, await page.Locator("a[href='/ssls/create']").CountAsync());
        await page.GotoAsync($"/ssls/{id}");
        Assert.Equal(0, await page.Locator($"a[href='/ssls/{id}/edit'], a[href='/ssls/{id}/delete']").CountAsync());
        await page.GotoAsync("/services");
        Assert.Equal(0, await page.Locator("a[href='/services/create']").CountAsync());
        await page.GotoAsync($"/services/{serviceId}");
        Assert.Equal(0, await page.Locator($"a[href='/services/{serviceId}/edit'], a[href='/services/{serviceId}/delete']").CountAsync());
        await ConsolePages.ScreenshotAsync(page, "viewer-service");

        foreach (var path in new[] { "/ssls/create", $"/ssls/{id}/edit", $"/ssls/{id}/delete", "/services/create", $"/services/{serviceId}/edit", $"/services/{serviceId}/delete" })
        {
            var response = await page.GotoAsync(path);
            Assert.True(response!.Status == 403, $"{path}: {response.Status}");
        }
    }

    [Fact]
    public async Task A_viewer_posting_a_write_form_is_refused_and_nothing_changes()
    {
        using var admin = fixture.Process.AdminClient();
        var id = (await admin.CreateAsync(SslJson.Body(TestPki.SelfSigned("viewer-post.test")))).GetProperty("id").GetString()!;
        var secret = await NamedTokens.CreateAsync(admin, "console-viewer-post", "viewer");
        using var viewer = ConsoleClient.Create(fixture.Process.AdminUri);
        Assert.Equal(HttpStatusCode.Found, (await viewer.SignInAsync(secret)).StatusCode);
        // A real antiforgery token for this session, taken from a page the viewer may see: only the role refuses.
        var csrf = await viewer.CsrfAsync("/ssls");
        var before = await admin.CountSslsAsync();

        var cert = TestPki.SelfSigned("smuggled.test");
        using var create = new MultipartFormDataContent
        {
            { new StringContent(cert.CertPem), "Certificate" }, { new StringContent(cert.KeyPem), "PrivateKey" },
            { new StringContent("server"), "Type" }, { new StringContent(csrf), "__csrf" },
        };
        using var created = await viewer.Http.PostAsync("/ssls/create", create);
        Assert.Equal(HttpStatusCode.Forbidden, created.StatusCode);
        using var deleted = await viewer.Http.PostAsync($"/ssls/{id}/delete",
            new FormUrlEncodedContent([new("ConfirmId", id), new("__csrf", csrf)]));
        Assert.Equal(HttpStatusCode.Forbidden, deleted.StatusCode);

        Assert.Equal(before, await admin.CountSslsAsync());
        Assert.NotNull(await admin.GetSslAsync(id));
    }

    [Fact]
    public async Task An_operator_writes_but_may_not_force()
    {
        using var admin = fixture.Process.AdminClient();
        var id = (await admin.CreateAsync(SslJson.Body(TestPki.SelfSigned("operator-force.test")))).GetProperty("id").GetString()!;
        await admin.CreateHttpsServiceAsync("operator-force", "operator-force.test");
        var secret = await NamedTokens.CreateAsync(admin, "console-operator", "operator");

        var page = await fixture.NewPageAsync(signIn: false);
        await ConsolePages.SignInAsync(page, secret);
        Assert.Equal(1, await page.Locator("a[href='/ssls/create']").CountAsync());
        await page.GotoAsync($"/ssls/{id}/delete");
        Assert.Contains("would", (await page.ContentAsync()).ToLowerInvariant());
        Assert.Equal(0, await page.Locator("#force").CountAsync());

        using var operatorClient = ConsoleClient.Create(fixture.Process.AdminUri);
        Assert.Equal(HttpStatusCode.Found, (await operatorClient.SignInAsync(secret)).StatusCode);
        var csrf = await operatorClient.CsrfAsync($"/ssls/{id}/delete");
        using var forced = await operatorClient.Http.PostAsync($"/ssls/{id}/delete",
            new FormUrlEncodedContent([new("ConfirmId", id), new("Force", "true"), new("__csrf", csrf)]));
        Assert.Equal(HttpStatusCode.Forbidden, forced.StatusCode);
        Assert.NotNull(await admin.GetSslAsync(id));
    }

    [Fact]
    public async Task Deleting_the_token_ends_its_console_session()
    {
        using var admin = fixture.Process.AdminClient();
        var secret = await NamedTokens.CreateAsync(admin, "console-revoked", "operator");
        using var console = ConsoleClient.Create(fixture.Process.AdminUri);
        Assert.Equal(HttpStatusCode.Found, (await console.SignInAsync(secret)).StatusCode);
        using (var before = await console.Http.GetAsync("/ssls")) Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        Assert.Equal(204, (await admin.SendAsync(HttpMethod.Delete, "/api/v1/tokens/console-revoked")).Status);
        using var after = await console.Http.GetAsync("/ssls");
        Assert.Equal(HttpStatusCode.Found, after.StatusCode);
        Assert.StartsWith("/signin", after.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task An_expired_token_ends_its_console_session()
    {
        using var admin = fixture.Process.AdminClient();
        var expires = DateTimeOffset.UtcNow.AddSeconds(10);
        var secret = await NamedTokens.CreateAsync(admin, "console-expiring", "viewer", expires);
        using var console = ConsoleClient.Create(fixture.Process.AdminUri);
        Assert.Equal(HttpStatusCode.Found, (await console.SignInAsync(secret)).StatusCode);
        using (var before = await console.Http.GetAsync("/ssls")) Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        await Task.Delay(expires - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(300));
        using var after = await console.Http.GetAsync("/ssls");
        Assert.Equal(HttpStatusCode.Found, after.StatusCode);
    }

    [Fact]
    public async Task Failed_sign_ins_are_logged_and_limited_per_address()
    {
        var cookies = new CookieContainer();
        using var attacker = new ConsoleClient(BoundClient.Create(fixture.Process.AdminUri, IPAddress.Parse("127.0.0.3"), token: null, cookies), cookies);
        var statuses = new List<int>();
        for (var i = 0; i < 12; i++)
        {
            using var response = await attacker.SignInAsync("ght_" + new string('B', 43));
            statuses.Add((int)response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) Assert.NotNull(response.Headers.RetryAfter);
        }
        Assert.All(statuses.Take(10), s => Assert.Equal(200, s));
        Assert.All(statuses.Skip(10), s => Assert.Equal(429, s));
        Assert.Contains("Failed console sign-in from 127.0.0.3", fixture.Process.Output);
        Assert.DoesNotContain(new string('B', 43), fixture.Process.Output);

        // Another address signs in as usual.
        using var valid = ConsoleClient.Create(fixture.Process.AdminUri);
        Assert.Equal(HttpStatusCode.Found, (await valid.SignInAsync(Gatehouse.Testing.Process.GatehouseProcess.Token)).StatusCode);
    }
}
