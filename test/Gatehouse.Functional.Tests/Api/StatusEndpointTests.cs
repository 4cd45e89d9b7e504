using System.Text.Json;
using Gatehouse.Testing.Pki;

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
        var metrics = await anonymous.GetStringAsync("/metrics");
        Assert.Matches(@"gatehouse_ssl_objects\{type=""server"",status=""active""\} [1-9]", metrics);
        Assert.Matches(@"gatehouse_ssl_objects\{type=""server"",status=""expired""\} [1-9]", metrics);
        Assert.Matches(@"gatehouse_ssl_expiring_within_30d [2-9]", metrics);
        Assert.Contains("gatehouse_ssl_days_to_expiry_bucket{le=\"0\"}", metrics);
        Assert.Contains("gatehouse_config_revision", metrics);
        Assert.DoesNotContain("PRIVATE", metrics);
    }
}
