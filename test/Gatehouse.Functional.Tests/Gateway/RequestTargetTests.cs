using Gatehouse.Functional.Tests.Api;
using Gatehouse.Testing.Pki;
using Gatehouse.Testing.Tls;
using Gatehouse.Testing.Metrics;

namespace Gatehouse.Functional.Tests.Gateway;

/// <summary>
/// The Host and the request target as the client sent them (issue 9, items 3, 4 and 9): an unparseable Host is a
/// 400 with its access-log line and metric (never a 500), an IDN host is forwarded in the A-label form it arrived in,
/// and the path and query reach the upstream unchanged (no double encoding of <c>%2F</c>).
/// </summary>
public sealed class RequestTargetTests(GatehouseFixture fixture) : TwoUpstreamsTests(fixture, "Request Target Root")
{
    private async Task<long> NoServiceClientErrorsAsync()
    {
        using var metrics = Gatehouse.AdminClient(token: null);
        return (long)((await PrometheusScrape.GetAsync(metrics)).Value("gatehouse_requests_total", ("service", "none"), ("class", "4xx")) ?? 0);
    }

    [Theory]
    [InlineData("xn--a.test")]
    [InlineData("xn--.test")]
    [InlineData("a.xn--")]
    public async Task A_host_with_malformed_punycode_is_400_invalid_host_with_an_access_log_line(string host)
    {
        var before = await NoServiceClientErrorsAsync();
        var result = await Curl.GetAsync($"http://127.0.0.1:{Gatehouse.HttpPort}/p", null, "-H", $"Host: {host}");
        Assert.Equal(400, result.Status);
        Assert.Equal("invalid_host", result.ErrorCode);

        var line = await Eventually.ValueAsync(() => Task.FromResult(
            Gatehouse.Output.Split('\n').FirstOrDefault(l => l.Contains($"host={host} ", StringComparison.Ordinal))), TimeSpan.FromSeconds(5));
        Assert.NotNull(line);
        Assert.Contains("status=400", line);
        Assert.DoesNotContain("Unhandled", Gatehouse.Output);
        Assert.DoesNotContain("   at ", Gatehouse.Output);
        Assert.True(await NoServiceClientErrorsAsync() > before, "the request was not counted under service=\"none\", class 4xx");

        // Over TLS too: a handshake on a served name, then the malformed Host.
        var name = $"tls{host.Length}{host.IndexOf('.')}.rt.test";
        await Gatehouse.CreateSslAsync(SslJson.Body(Root.Issue(name)));
        var https = await Curl.GetAsync($"https://{name}:{Gatehouse.HttpsPort}/p", RootFile, "-H", $"Host: {host}");
        Assert.True(https.Status == 400, $"HTTPS with Host {host}: {https.Status} {https.Body} {https.Stderr}");
        Assert.Equal("invalid_host", https.ErrorCode);
    }

    [Fact]
    public async Task An_idn_host_is_forwarded_in_the_a_label_form_the_client_sent()
    {
        await Gatehouse.CreateSslAsync(SslJson.Body(Root.Issue("xn--bcher-kva.rt.test")));
        await Gatehouse.CreateServiceAsync(ServiceRequests.Body("idn", ["bücher.rt.test"], (A.Port, 1)));

        var plain = await HttpAsync("xn--bcher-kva.rt.test", "/idn");
        Assert.True(plain.Status == 200, $"{plain.Status}: {plain.Body}");
        Assert.Equal($"xn--bcher-kva.rt.test:{Gatehouse.HttpPort}", plain.Json.GetProperty("host").GetString());
        Assert.Equal($"xn--bcher-kva.rt.test:{Gatehouse.HttpPort}", plain.Json.GetProperty("headers").GetProperty("x-forwarded-host").GetString());

        var tls = await HttpsAsync("xn--bcher-kva.rt.test", "/idn");
        Assert.True(tls.Status == 200, $"{tls.Status}: {tls.Body} {tls.Stderr}");
        Assert.Equal($"xn--bcher-kva.rt.test:{Gatehouse.HttpsPort}", tls.Json.GetProperty("host").GetString());
    }

    [Theory]
    [InlineData("t1", "/api/..%2fadmin")]
    [InlineData("t2", "/api/a%2Fb/%252F?x=%2F&y=a%20b")]
    [InlineData("t3", "/api/%7Euser/a+b;p=1")]
    public async Task The_request_target_reaches_the_upstream_as_received(string label, string target)
    {
        var host = $"{label}.target.rt.test";
        await Gatehouse.CreateServiceAsync(ServiceRequests.Body("target " + label, [host], (A.Port, 1)));
        var result = await HttpAsync(host, target, "--path-as-is");
        Assert.True(result.Status == 200, $"{result.Status}: {result.Body}");
        Assert.Equal(target, result.Json.GetProperty("raw_target").GetString());

        var (status, raw) = await RawHttp.SendAsync(Gatehouse.HttpPort, $"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        Assert.True(status == 200, $"{status}: {raw}");
        Assert.Equal(target, RawHttp.Json(raw).GetProperty("raw_target").GetString());
    }
}
