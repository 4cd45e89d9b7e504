using System.Net;
using System.Text.RegularExpressions;

namespace Gatehouse.Functional.Tests.Console;

/// <summary>A plain-HTTP console client that keeps its cookies and reads the antiforgery token pages carry.</summary>
public sealed partial class ConsoleClient(HttpClient client, CookieContainer cookies) : IDisposable
{
    public HttpClient Http { get; } = client;

    public CookieContainer Cookies { get; } = cookies;

    public static ConsoleClient Create(Uri admin, HttpMessageHandler? handler = null)
    {
        var cookies = new CookieContainer();
        return new ConsoleClient(new HttpClient(handler ?? new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = admin,
            Timeout = TimeSpan.FromSeconds(30),
        }, cookies);
    }

    /// <summary>Posts the sign-in form with <paramref name="token"/>; returns the response (302 on success).</summary>
    public async Task<HttpResponseMessage> SignInAsync(string token) =>
        await Http.PostAsync("/signin", new FormUrlEncodedContent([new("Token", token), new("__csrf", await CsrfAsync("/signin"))]));

    /// <summary>The antiforgery token of the form(s) on <paramref name="path"/>.</summary>
    public async Task<string> CsrfAsync(string path)
    {
        var page = await Http.GetStringAsync(path);
        var match = CsrfField().Match(page);
        Assert.True(match.Success, $"no antiforgery field on {path}");
        return match.Groups[1].Value;
    }

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"__csrf\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();
}
