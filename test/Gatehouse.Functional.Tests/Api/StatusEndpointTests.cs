using System.Text.Json;
using Gatehouse.Testing.Metrics;
using Gatehouse.Testing.Pki;
using Gatehouse.Testing.Tls;

namespace Gatehouse.Functional.Tests.Api;

public sealed class StatusEndpointTests(GatehouseFixture fixture) : IClassFixture<GatehouseFixture>
{
    [Fact]
    public async Task Healthz_readyz_and_openapi_answer_without_a_token()
    {
        using var admin = fixture.Process.AdminClient();
        var created = await admin.CreateAsync(SslJson.Body(TestPki.CreateRoot().Issue("health.status.test")));
        using var client = fixture.Process.AdminClient(token: null);
        var health = JsonDocument.Parse(await client.GetStringAsync("/healthz")).RootElement;
        Assert.Equal("ok", health.GetProperty("status").GetString());
        // The revision of the last write (this class writes one at a time), not just any number.
        Assert.Equal(created.GetProperty("revision").GetInt64(), health.GetProperty("revision").GetInt64());

        var ready = await client.GetAsync("/readyz");
        Assert.True(ready.IsSuccessStatusCode);

        var openapi = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        Assert.True(openapi.GetProperty("paths").TryGetProperty("/api/v1/ssls", out _));
    }

    [Fact]
    public async Task Metrics_count_objects_by_type_and_status_and_expiry()
    {
        using var admin = fixture.Process.AdminClient();
        var root = TestPki.CreateRoot();
        await admin.CreateAsync(SslJson.Body(root.Issue(new CertSpec
        {
            CommonName = "soon", DnsNames = ["soon.metrics.test"], NotAfter = DateTimeOffset.UtcNow.AddDays(10),
        })));
        await admin.CreateAsync(SslJson.Body(root.Issue(new CertSpec
        {
            CommonName = "gone", DnsNames = ["gone.metrics.test"], NotBefore = DateTimeOffset.UtcNow.AddDays(-20), NotAfter = DateTimeOffset.UtcNow.AddDays(-1),
        })));

        using var anonymous = fixture.Process.AdminClient(token: null);
        var metrics = await PrometheusScrape.GetAsync(anonymous);
        Assert.True(metrics.Value("gatehouse_ssl_objects", ("type", "server"), ("status", "active")) >= 1, metrics.Text);
        var expired = metrics.Value("gatehouse_ssl_objects", ("type", "server"), ("status", "expired"));
        Assert.True(expired >= 1, metrics.Text);
        Assert.True(metrics.Value("gatehouse_ssl_expiring_within_30d") >= 2, metrics.Text);
        Assert.NotNull(metrics.Value("gatehouse_config_revision"));
        Assert.Equal(1, metrics.Value("gatehouse_store_up"));
        Assert.DoesNotContain("PRIVATE", metrics.Text);

        // Objects by days to expiry: a gauge per threshold (a count that may fall), never a histogram.
        Assert.Equal("gauge", metrics.TypeOf("gatehouse_ssl_days_to_expiry"));
        Assert.DoesNotContain("gatehouse_ssl_days_to_expiry_bucket", metrics.Text);
        var expiredByThreshold = metrics.Value("gatehouse_ssl_days_to_expiry", ("le", "0"));
        var within14Days = metrics.Value("gatehouse_ssl_days_to_expiry", ("le", "14"));
        var every = metrics.Value("gatehouse_ssl_days_to_expiry", ("le", "+Inf"));
        var objects = metrics.Series("gatehouse_ssl_objects").Sum(s => s.Value);
        Assert.True(expiredByThreshold >= 1 && within14Days >= expiredByThreshold + 1 && every >= within14Days, metrics.Text);
        Assert.Equal(objects, every);
    }

    [Fact]
    public async Task Metrics_carry_kestrel_and_http_meters_beside_gatehouse_families()
    {
        using var admin = fixture.Process.AdminClient();
        var cert = TestPki.CreateRoot().Issue("tls.metrics.test");
        await admin.CreateAsync(SslJson.Body(cert));
        // One TLS handshake on the gateway's HTTPS listener (the same process as the admin listener in `up`).
        Assert.Equal(cert.FingerprintSha256, await Eventually.ValueAsync(
            () => OpenSslClient.ServedFingerprintAsync(fixture.Process.HttpsPort, "tls.metrics.test"), TimeSpan.FromSeconds(10), f => f == cert.FingerprintSha256));

        using var anonymous = fixture.Process.AdminClient(token: null);
        await anonymous.GetStringAsync("/healthz");
        var metrics = await PrometheusScrape.GetAsync(anonymous);
        Assert.Equal("histogram", metrics.TypeOf("kestrel_tls_handshake_duration_seconds"));
        Assert.Contains(metrics.Series("kestrel_tls_handshake_duration_seconds_count"),
            s => s.Labels.GetValueOrDefault("server_port") == fixture.Process.HttpsPort.ToString(System.Globalization.CultureInfo.InvariantCulture) && s.Value >= 1);
        Assert.Contains(metrics.Series("kestrel_active_connections"), s => s.Value >= 1);
        Assert.Contains(metrics.Series("http_server_request_duration_seconds_count"),
            s => s.Labels.GetValueOrDefault("http_route") == "/healthz" && s.Value >= 1);
        Assert.Equal("counter", metrics.TypeOf("gatehouse_tls_handshakes_total"));
        Assert.True(metrics.Value("gatehouse_tls_handshakes_total", ("result", "selected")) >= 1, metrics.Text);
    }
}
