using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Gatehouse.Core.Secrets;
using Gatehouse.Testing.Process;

namespace Gatehouse.Functional.Tests.Console;

[Collection(ConsoleCollection.Name)]
public sealed partial class ConsoleSessionTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task A_wrong_token_is_refused_and_the_right_one_signs_in()
    {
        var page = await fixture.NewPageAsync(signIn: false);
        await page.GotoAsync("/ssls");
        Assert.Contains("/signin", page.Url);
        await ConsolePages.ScreenshotAsync(page, "signin");

        await ConsolePages.SignInAsync(page, "wrong-token-wrong-token-wrong-token-wrong");
        Assert.Contains("not a valid token", await page.InnerTextAsync("#signin-error"));
        Assert.Contains("/signin", page.Url);

        await page.FillAsync("#token", GatehouseProcess.Token);
        await ConsolePages.SubmitAsync(page, "main form button[type=submit]");
        Assert.EndsWith("/ssls", page.Url);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/services");
        await ConsolePages.SubmitAsync(page, "header form button[type=submit]");
        Assert.Contains("/signin", page.Url);
        await page.GotoAsync("/ssls");
        Assert.Contains("/signin?returnUrl=%2Fssls", page.Url);
    }

    [Fact]
    public async Task A_cookie_saved_before_sign_out_no_longer_works_after_it()
    {
        var cookies = new CookieContainer();
        using var session = await SignedInClientAsync(fixture.Process.AdminUri, cookies);
        var saved = new CookieContainer();
        saved.Add(cookies.GetCookies(fixture.Process.AdminUri));
        using (var before = await session.Client.GetAsync("/ssls")) Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        var page = await session.Client.GetStringAsync("/ssls");
        using (var signOut = await session.Client.PostAsync("/signout", new FormUrlEncodedContent([new("__csrf", CsrfField().Match(page).Groups[1].Value)])))
            Assert.Equal(HttpStatusCode.Found, signOut.StatusCode);

        using var replay = new HttpClient(new HttpClientHandler { CookieContainer = saved, AllowAutoRedirect = false }) { BaseAddress = fixture.Process.AdminUri };
        using var response = await replay.GetAsync("/ssls");
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.StartsWith("/signin", response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_same_site_strict()
    {
        var page = await fixture.NewPageAsync();
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "gatehouse_console");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(Microsoft.Playwright.SameSiteAttribute.Strict, cookie.SameSite);
    }

    [Fact]
    public async Task Every_console_response_carries_a_strict_content_security_policy()
    {
        using var client = new HttpClient { BaseAddress = fixture.Process.AdminUri };
        foreach (var path in new[] { "/signin", "/ssls", "/console.css" })
        {
            using var response = await client.GetAsync(path);
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'self'", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        }
    }

    [Fact]
    public async Task A_form_posted_without_the_antiforgery_token_is_refused()
    {
        using var session = await SignedInClientAsync();
        using var form = new MultipartFormDataContent { { new StringContent("x"), "Certificate" }, { new StringContent("server"), "Type" } };
        using var response = await session.Client.PostAsync("/ssls/create", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        using var signOut = await session.Client.PostAsync("/signout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
    }

    [Fact]
    public async Task The_console_session_never_authorises_the_api()
    {
        using var session = await SignedInClientAsync();
        using var page = await session.Client.GetAsync("/ssls");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var api = await session.Client.GetAsync("/api/v1/ssls");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task A_session_survives_a_restart_on_the_same_data_directory()
    {
        var directory = Directory.CreateTempSubdirectory("gatehouse-console-restart-").FullName;
        var cookies = new CookieContainer();
        await using (var first = await GatehouseProcess.StartInAsync(directory, ownsDirectory: false))
        {
            using var session = await SignedInClientAsync(first.AdminUri, cookies);
            // The session's key ring is on disk, where the next process finds it, encrypted with the Gatehouse keyring.
            var keyFile = Assert.Single(Directory.GetFiles(Path.Combine(directory, "console-keys"), "key-*.xml"));
            AssertEncryptedWithKeyring(File.ReadAllText(keyFile), Keyring.Parse(File.ReadAllText(Path.Combine(directory, "keyring"))));
            Assert.Equal(0, await first.StopAsync(TimeSpan.FromSeconds(20)));
            Assert.DoesNotContain("unencrypted", first.Output, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("No XML encryptor", first.Output, StringComparison.Ordinal);
        }
        await using var second = await GatehouseProcess.StartInAsync(directory, ownsDirectory: true);
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = second.AdminUri };
        using var response = await client.GetAsync("/ssls");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("action=\"/signout\"", await response.Content.ReadAsStringAsync());
        // Control: the same page without the old cookie is sent to sign in, so the 200 above is the restored session's.
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = second.AdminUri };
        using var refused = await anonymous.GetAsync("/ssls");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
    }

    /// <summary>
    /// The key file holds only ciphertext: no <c>masterKey</c> element, and the key material that decrypting it with the
    /// keyring reveals appears nowhere in the file.
    /// </summary>
    private static void AssertEncryptedWithKeyring(string keyXml, Keyring keyring)
    {
        Assert.Contains("<key ", keyXml);
        Assert.DoesNotContain("<masterKey", keyXml);
        var encrypted = XDocument.Parse(keyXml).Descendants("keyringEncrypted").Single();
        var plaintext = XElement.Parse(keyring.Decrypt(new EncryptedSecret(
            encrypted.Attribute("keyId")!.Value, encrypted.Attribute("nonce")!.Value, encrypted.Element("ciphertext")!.Value),
            "gatehouse-console-keys"));
        var material = plaintext.Descendants("value").Single().Value;
        Assert.True(material.Length >= 40, "the decrypted key holds its master key");
        Assert.DoesNotContain(material, keyXml);
    }

    private Task<SignedInClient> SignedInClientAsync() => SignedInClientAsync(fixture.Process.AdminUri, new CookieContainer());

    /// <summary>Signs in over plain HTTP (with the antiforgery token the form carries) and keeps the cookies.</summary>
    private static async Task<SignedInClient> SignedInClientAsync(Uri admin, CookieContainer cookies)
    {
        var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        var client = new HttpClient(handler) { BaseAddress = admin };
        var signIn = await client.GetStringAsync("/signin");
        var token = CsrfField().Match(signIn).Groups[1].Value;
        using var response = await client.PostAsync("/signin", new FormUrlEncodedContent(
            [new("Token", GatehouseProcess.Token), new("__csrf", token)]));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        return new SignedInClient(client);
    }

    private sealed record SignedInClient(HttpClient Client) : IDisposable
    {
        public void Dispose() => Client.Dispose();
    }

    [GeneratedRegex("name=\"__csrf\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();
}
