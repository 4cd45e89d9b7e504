using Gatehouse.Testing.Tls;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gatehouse.Functional.Tests.Api;
using Gatehouse.Testing.Pki;
using Gatehouse.Testing.Process;
using Gatehouse.Testing.Metrics;

namespace Gatehouse.Functional.Tests.Gateway;

/// <summary>DESIGN.md §4 forwarding (targets, headers, upstream errors) and §9 access log and metrics, end to end.</summary>
public sealed class ForwardingTests(GatehouseFixture fixture) : TwoUpstreamsTests(fixture, "Forwarding Test Root")
{
    private static JsonObject Upstream(JsonObject service) => service["upstream"]!.AsObject();

    [Fact]
    public async Task A_closed_port_is_unreachable()
    {
        await Gatehouse.CreateServiceAsync(ServiceRequests.Body("dead", ["dead.fw.test"], (FreePort.Next(), 1)));
        var result = await HttpAsync("dead.fw.test", "/");
        Assert.Equal(502, result.Status);
        Assert.Equal("upstream_unreachable", result.ErrorCode);
    }

    [Fact]
    public async Task A_slow_upstream_times_out_after_read_ms()
    {
        var body = ServiceRequests.Body("slow", ["slow.fw.test"], (A.Port, 1));
        // Long enough that a 10 ms answer is never late on a loaded CI machine, short enough to tell from the 5 s one.
        Upstream(body)["timeouts"]!["read_ms"] = 1000;
        await Gatehouse.CreateServiceAsync(body);

        var started = DateTime.UtcNow;
        var result = await HttpAsync("slow.fw.test", "/slow?ms=5000");
        Assert.Equal(504, result.Status);
        Assert.Equal("upstream_timeout", result.ErrorCode);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(4));
        Assert.Equal(200, (await HttpAsync("slow.fw.test", "/slow?ms=10")).Status);
    }

    [Fact]
    public async Task A_target_that_never_completes_the_tcp_handshake_times_out_after_connect_ms()
    {
        // A listener whose accept queue is full: Linux drops further SYNs, so a connect hangs until its timeout.
        using var blackhole = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        blackhole.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        blackhole.Listen(0);
        var port = ((System.Net.IPEndPoint)blackhole.LocalEndPoint!).Port;
        var fillers = new List<System.Net.Sockets.TcpClient>();
        try
        {
            for (var i = 0; i < 8; i++)
            {
                var filler = new System.Net.Sockets.TcpClient();
                fillers.Add(filler);
                _ = filler.ConnectAsync(System.Net.IPAddress.Loopback, port);
            }
            await Task.Delay(200);
            var body = ServiceRequests.Body("blackhole", ["blackhole.fw.test"], (port, 1));
            Upstream(body)["timeouts"]!["connect_ms"] = 500;
            await Gatehouse.CreateServiceAsync(body);

            var started = DateTime.UtcNow;
            var result = await HttpAsync("blackhole.fw.test", "/");
            var elapsed = DateTime.UtcNow - started;
            Assert.True(result.Status == 504, result.ToString());
            Assert.Equal("upstream_timeout", result.ErrorCode);
            Assert.True(elapsed >= TimeSpan.FromMilliseconds(450) && elapsed < TimeSpan.FromSeconds(10), $"answered after {elapsed.TotalMilliseconds} ms");
        }
        finally
        {
            foreach (var filler in fillers) filler.Dispose();
        }
    }

    [Fact]
    public async Task Every_weight_zero_means_no_target()
    {
        await Gatehouse.CreateServiceAsync(ServiceRequests.Body("drained", ["drained.fw.test"], (A.Port, 0), (B.Port, 0)));
        var result = await HttpAsync("drained.fw.test", "/");
        Assert.Equal(503, result.Status);
        Assert.Equal("no_target", result.ErrorCode);
    }

    [Fact]
    public async Task Targets_share_requests_by_weight_and_a_drained_target_gets_none()
    {
        await Gatehouse.CreateServiceAsync(ServiceRequests.Body("wrr", ["wrr.fw.test"], (A.Port, 3), (B.Port, 1), (FreePort.Next(), 0)));
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var counts = new Dictionary<string, int>();
        for (var i = 0; i < 400; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{Gatehouse.HttpPort}/n");
            request.Headers.Host = "wrr.fw.test";
            using var response = await client.SendAsync(request);
            Assert.Equal(200, (int)response.StatusCode);
            var name = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("name").GetString()!;
            counts[name] = counts.GetValueOrDefault(name) + 1;
        }
        Assert.InRange(counts.GetValueOrDefault("a"), 280, 320);
        Assert.InRange(counts.GetValueOrDefault("b"), 80, 120);
    }

    [Fact]
    public async Task Pass_host_forwards_the_clients_host_and_rewrite_sends_upstream_host()
    {
        await Gatehouse.CreateServiceAsync(ServiceRequests.Body("pass", ["pass.fw.test"], (A.Port, 1)));
        var rewrite = ServiceRequests.Body("rewrite", ["rewrite.fw.test"], (A.Port, 1));
        Upstream(rewrite)["pass_host"] = "rewrite";
        Upstream(rewrite)["host"] = "backend.internal";
        await Gatehouse.CreateServiceAsync(rewrite);

        Assert.Equal($"pass.fw.test:{Gatehouse.HttpPort}", (await HttpAsync("pass.fw.test", "/")).Json.GetProperty("host").GetString());
        var rewritten = await HttpAsync("rewrite.fw.test", "/");
        Assert.Equal("backend.internal", rewritten.Json.GetProperty("host").GetString());
        Assert.Equal($"rewrite.fw.test:{Gatehouse.HttpPort}", rewritten.Json.GetProperty("headers").GetProperty("x-forwarded-host").GetString());
    }

    [Fact]
    public async Task Forwarded_headers_are_set_by_the_gateway_and_client_certificate_headers_stripped()
    {
        await Gatehouse.CreateSslAsync(SslJson.Body(Root.Issue("hdr.fw.test")));
        await Gatehouse.CreateServiceAsync(ServiceRequests.Body("hdr", ["hdr.fw.test"], (A.Port, 1)));

        var result = await Curl.GetAsync($"https://hdr.fw.test:{Gatehouse.HttpsPort}/h", RootFile,
            "-H", "X-Forwarded-For: 6.6.6.6", "-H", "X-Forwarded-Proto: ftp", "-H", "X-Forwarded-Host: evil.example",
            "-H", "X-Client-Cert-Subject: CN=forged", "-H", "X-Client-Cert-Sha256: 00ff", "-H", "X-Keep: yes");
        Assert.Equal(200, result.Status);
        var headers = result.Json.GetProperty("headers");
        Assert.Equal("127.0.0.1", headers.GetProperty("x-forwarded-for").GetString());
        Assert.Equal("https", headers.GetProperty("x-forwarded-proto").GetString());
        Assert.Equal($"hdr.fw.test:{Gatehouse.HttpsPort}", headers.GetProperty("x-forwarded-host").GetString());
        Assert.False(headers.TryGetProperty("x-client-cert-subject", out _));
        Assert.False(headers.TryGetProperty("x-client-cert-sha256", out _));
        Assert.Equal("yes", headers.GetProperty("x-keep").GetString());

        var plain = await HttpAsync("hdr.fw.test", "/h", "-H", "X-Forwarded-Proto: https");
        Assert.Equal("http", plain.Json.GetProperty("headers").GetProperty("x-forwarded-proto").GetString());
    }

    [Fact]
    public async Task An_https_upstream_whose_certificate_the_system_does_not_trust_fails_tls()
    {
        var untrusted = TestPki.CreateRoot("Untrusted Upstream Root").Issue(new CertSpec { DnsNames = ["localhost"], IpAddresses = ["127.0.0.1"] });
        await using var upstream = await EchoUpstream.StartAsync("tls", untrusted.WithKey());
        var body = ServiceRequests.Body("tls-up", ["tlsup.fw.test"], (upstream.Port, 1));
        Upstream(body)["scheme"] = "https";
        await Gatehouse.CreateServiceAsync(body);

        var result = await HttpAsync("tlsup.fw.test", "/");
        Assert.Equal(502, result.Status);
        Assert.Equal("upstream_tls_failed", result.ErrorCode);
    }

    [Fact]
    public async Task The_access_log_has_one_line_per_request_without_query_authorization_or_cookie()
    {
        var id = await Gatehouse.CreateServiceAsync(ServiceRequests.Body("log", ["log.fw.test"], (A.Port, 1)));
        var result = await HttpAsync("log.fw.test", "/logged/path?token=query-secret-123",
            "-H", "Authorization: Bearer authorization-secret-456", "-H", "Cookie: session=cookie-secret-789");
        Assert.Equal(200, result.Status);

        var line = await Eventually.ValueAsync(() => Task.FromResult(
            Gatehouse.Output.Split('\n').FirstOrDefault(l => l.Contains("host=log.fw.test", StringComparison.Ordinal))), TimeSpan.FromSeconds(5));
        Assert.NotNull(line);
        Assert.Contains($"service={id}", line);
        Assert.Contains("status=200", line);
        Assert.Contains($"upstream=127.0.0.1:{A.Port}", line);
        Assert.Contains("/logged/path", line);
        Assert.Matches(new Regex(@"client=127\.0\.0\.1 .*latency_ms=\d"), line);
        foreach (var secret in new[] { "query-secret-123", "token=", "authorization-secret-456", "cookie-secret-789" })
            Assert.DoesNotContain(secret, Gatehouse.Output);

        using var metrics = Gatehouse.AdminClient(token: null);
        var scrape = await PrometheusScrape.GetAsync(metrics);
        Assert.True(scrape.Value("gatehouse_requests_total", ("service", id), ("class", "2xx")) >= 1, scrape.Text);
    }

    [Fact]
    public async Task A_proxied_request_is_timed_by_the_server_meter_and_not_by_the_per_request_client_instruments()
    {
        await Gatehouse.CreateServiceAsync(ServiceRequests.Body("timed", ["timed.fw.test"], (A.Port, 1)));
        Assert.Equal(200, (await HttpAsync("timed.fw.test", "/timed")).Status);

        using var metrics = Gatehouse.AdminClient(token: null);
        var scrape = await PrometheusScrape.GetAsync(metrics);
        // The data-plane request (no http_route: only the admin API's requests have one) is counted and timed ...
        Assert.Contains(scrape.Series("http_server_request_duration_seconds_count"), s => !s.Labels.ContainsKey("http_route")
            && s.Labels.GetValueOrDefault("http_response_status_code") == "200" && s.Value >= 1);
        // ... and it went through the upstream HTTP client, whose per-request instruments are not collected (docs/decisions.md,
        // "Per-request work"; collected, http_client_open_connections would show the pooled connection now).
        foreach (var name in new[] { "http_client_request_duration_seconds_count", "http_client_request_time_in_queue_seconds_count",
                     "http_client_open_connections", "http_client_active_requests", "http_server_active_requests" })
            Assert.Empty(scrape.Series(name));
    }
}
