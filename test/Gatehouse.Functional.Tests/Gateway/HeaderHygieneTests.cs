using System.Text.Json;
using Gatehouse.Functional.Tests.Api;
using Gatehouse.Testing.Pki;
using Gatehouse.Testing.Tls;

namespace Gatehouse.Functional.Tests.Gateway;

/// <summary>
/// What the gateway refuses to pass on (issue 9, items 1 and 7): client-sent identity headers in every spelling a
/// WSGI/CGI/Rack upstream would merge with the real ones, names with underscores unless the service allows them, and
/// hop-by-hop headers (RFC 9110 §7.6.1), end to end over real sockets to a real upstream.
/// </summary>
public sealed class HeaderHygieneTests(GatehouseFixture fixture) : TwoUpstreamsTests(fixture, "Header Hygiene Root")
{
    /// <summary>Headers a client may send to claim an identity or an address only this hop may state.</summary>
    private static readonly string[] Spoofed =
    [
        "X_Client_Cert_Subject: CN=admin", "X-Client_Cert-Sha256: 00ff", "X_Forwarded_For: 6.6.6.6", "x-client-cert: forged",
        "Client-Cert: :Zm9yZ2Vk:", "client-cert-chain: :Zm9yZ2Vk:", "X-SSL-Client-DN: CN=admin", "x-ssl-client-verify: SUCCESS",
        "Ssl-Client-Subject-DN: CN=admin", "SSL-CLIENT-VERIFY: SUCCESS", "X-Real-IP: 6.6.6.6", "x-real-ip6: kept",
        "X-FORWARDED-PORT: 1", "forwarded: for=6.6.6.6",
    ];

    private static string[] HeaderArgs(IEnumerable<string> headers) => [.. headers.SelectMany(h => new[] { "-H", h })];

    private static IReadOnlyList<string> HeaderNames(CurlResult result) =>
        [.. result.Json.GetProperty("headers").EnumerateObject().Select(p => p.Name)];

    private static void AssertNoneSpoofed(JsonElement headers)
    {
        foreach (var name in new[] { "x_client_cert_subject", "x-client_cert-sha256", "x_forwarded_for", "x-client-cert", "client-cert",
                     "client-cert-chain", "x-ssl-client-dn", "x-ssl-client-verify", "ssl-client-subject-dn", "ssl-client-verify", "x-real-ip",
                     "x-forwarded-port", "forwarded" })
            Assert.False(headers.TryGetProperty(name, out _), $"{name} reached the upstream");
    }

    [Fact]
    public async Task Identity_headers_in_any_spelling_and_names_with_underscores_never_reach_the_upstream()
    {
        await Gatehouse.CreateSslAsync(SslJson.Body(Root.Issue("spoof.hh.test")));
        await Gatehouse.CreateServiceAsync(ServiceRequests.Body("spoof", ["spoof.hh.test"], (A.Port, 1)));

        foreach (var http2 in new[] { false, true })
        {
            var result = await HttpsAsync("spoof.hh.test", "/h",
                [.. HeaderArgs([.. Spoofed, "X_Custom_Token: v", "X-Keep: yes"]), http2 ? "--http2" : "--http1.1"]);
            Assert.Equal(200, result.Status);
            Assert.Equal(http2 ? "2" : "1.1", result.HttpVersion);
            var headers = result.Json.GetProperty("headers");
            AssertNoneSpoofed(headers);
            Assert.False(headers.TryGetProperty("x_custom_token", out _), "a header named with an underscore reached the upstream");
            Assert.Equal("yes", headers.GetProperty("x-keep").GetString());
            Assert.Equal("kept", headers.GetProperty("x-real-ip6").GetString());
            Assert.Equal("127.0.0.1", headers.GetProperty("x-forwarded-for").GetString());
            Assert.DoesNotContain(HeaderNames(result), n => n.Contains('_'));
        }
    }

    [Fact]
    public async Task A_service_that_allows_underscores_gets_them_but_never_an_identity_spelled_with_them()
    {
        var body = ServiceRequests.Body("underscores", ["underscores.hh.test"], (A.Port, 1));
        body["allow_underscores_in_headers"] = true;
        var id = await Gatehouse.CreateServiceAsync(body);
        using (var admin = Gatehouse.AdminClient())
        {
            var (status, stored, text) = await admin.SendAsync(HttpMethod.Get, $"/api/v1/services/{id}");
            Assert.True(status == 200, text);
            Assert.True(stored.GetProperty("allow_underscores_in_headers").GetBoolean());
        }

        var result = await HttpAsync("underscores.hh.test", "/h", HeaderArgs([.. Spoofed, "X_Custom_Token: v"]));
        Assert.True(result.Status == 200, $"{result.Status} {result.Stderr} {result.Body}");
        var headers = result.Json.GetProperty("headers");
        Assert.Equal("v", headers.GetProperty("x_custom_token").GetString());
        AssertNoneSpoofed(headers);
    }

    [Fact]
    public async Task Headers_named_in_connection_and_x_content_length_are_not_forwarded()
    {
        await Gatehouse.CreateServiceAsync(ServiceRequests.Body("hop", ["hop.hh.test"], (A.Port, 1)));

        var named = await HttpAsync("hop.hh.test", "/h", "-H", "Connection: X-Hop-Secret, X-Other-Hop", "-H", "X-Hop-Secret: 1",
            "-H", "X-Other-Hop: 2", "-H", "X-Keep: yes");
        Assert.Equal(200, named.Status);
        var headers = named.Json.GetProperty("headers");
        Assert.False(headers.TryGetProperty("x-hop-secret", out _), "a header named in Connection was forwarded");
        Assert.False(headers.TryGetProperty("x-other-hop", out _), "a header named in Connection was forwarded");
        Assert.Equal("yes", headers.GetProperty("x-keep").GetString());

        // Content-Length with Transfer-Encoding: Kestrel keeps the first as X-Content-Length; it must not travel on.
        var (status, raw) = await RawHttp.SendAsync(Gatehouse.HttpPort,
            "POST /h HTTP/1.1\r\nHost: hop.hh.test\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n" +
            "5\r\nhello\r\n0\r\n\r\n");
        Assert.True(status == 200, $"status {status}: {raw}");
        var smuggled = RawHttp.Json(raw).GetProperty("headers");
        Assert.False(smuggled.TryGetProperty("x-content-length", out _), "X-Content-Length was forwarded");
        Assert.False(smuggled.TryGetProperty("content-length", out _), "Content-Length was forwarded next to Transfer-Encoding");
    }
}
