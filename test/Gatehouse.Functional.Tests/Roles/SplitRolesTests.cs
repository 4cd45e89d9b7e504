using System.Net;
using Gatehouse.Functional.Tests.Api;
using Gatehouse.Testing.Metrics;
using Gatehouse.Testing.Pki;
using Gatehouse.Testing.Process;
using Gatehouse.Testing.Tls;

namespace Gatehouse.Functional.Tests.Roles;

/// <summary>
/// <c>gatehouse control-plane</c> and two <c>gatehouse gateway</c> processes on one etcd (DESIGN.md §7): a write
/// through the control plane reaches both gateways through the store's watch.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class SplitRolesTests(SplitRolesFixture fixture) : IClassFixture<SplitRolesFixture>
{
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Both_gateways_serve_an_ssl_object_created_through_the_control_plane_and_its_rotation()
    {
        var roles = fixture.Roles;
        var root = TestPki.CreateRoot();
        using var admin = roles.ControlPlane.AdminClient();
        var first = root.Issue("split.roles.test");
        var created = await admin.CreateAsync(SslJson.Body(first));
        var id = created.GetProperty("id").GetString()!;
        var service = await admin.CreateServiceAsync(ServiceJson.Body(["split.roles.test"]));
        await roles.WaitForGatewaysAsync(service.GetProperty("revision").GetInt64(), Propagation);
        foreach (var gateway in roles.Gateways)
            Assert.Equal(first.FingerprintSha256, await ServedAsync(gateway.HttpsPort, "split.roles.test", first.FingerprintSha256));

        var next = root.Issue("split.roles.test");
        var (status, view, text) = await admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{id}", SslJson.Body(next));
        Assert.True(status == 200, text);
        await roles.WaitForGatewaysAsync(view.GetProperty("revision").GetInt64(), Propagation);
        foreach (var gateway in roles.Gateways)
            Assert.Equal(next.FingerprintSha256, await ServedAsync(gateway.HttpsPort, "split.roles.test", next.FingerprintSha256));
    }

    [Fact]
    public async Task Each_gateway_answers_healthz_readyz_and_metrics_on_its_status_port_without_the_admin_api()
    {
        using var admin = fixture.Roles.ControlPlane.AdminClient();
        var cert = TestPki.CreateRoot().Issue("metrics.split.test");
        var created = await admin.CreateAsync(SslJson.Body(cert));
        await fixture.Roles.WaitForGatewaysAsync(created.GetProperty("revision").GetInt64(), Propagation);
        foreach (var gateway in fixture.Roles.Gateways)
        {
            // One handshake on the data listener: the status listener's /metrics carries the data listener's Kestrel series.
            Assert.Equal(cert.FingerprintSha256, await ServedAsync(gateway.HttpsPort, "metrics.split.test", cert.FingerprintSha256));
            using var status = new HttpClient { BaseAddress = gateway.StatusUri };
            Assert.Equal(HttpStatusCode.OK, (await status.GetAsync("/healthz")).StatusCode);
            var ready = await status.GetAsync("/readyz");
            var readyText = await ready.Content.ReadAsStringAsync();
            Assert.True(ready.StatusCode == HttpStatusCode.OK, readyText);
            Assert.Contains("\"gateway_snapshot\":\"ok\"", readyText);
            Assert.Contains("\"store\":\"ok\"", readyText);
            var metrics = await PrometheusScrape.GetAsync(status);
            Assert.True(metrics.Value("gatehouse_gateway_config_revision") >= created.GetProperty("revision").GetInt64(), metrics.Text);
            Assert.True(metrics.Value("gatehouse_tls_handshakes_total", ("result", "selected")) >= 1, metrics.Text);
            Assert.Equal(1, metrics.Value("gatehouse_store_up"));
            Assert.Contains(metrics.Series("kestrel_tls_handshake_duration_seconds_count"),
                s => s.Labels.GetValueOrDefault("server_port") == gateway.HttpsPort.ToString(System.Globalization.CultureInfo.InvariantCulture) && s.Value >= 1);
            // The gateway's own families only: the configuration gauges are the control plane's.
            Assert.Empty(metrics.Series("gatehouse_ssl_objects"));
            foreach (var line in SslJson.Base64Lines(cert.KeyPem)) Assert.DoesNotContain(line, metrics.Text);
            Assert.Equal(HttpStatusCode.NotFound, (await status.GetAsync("/api/v1/ssls")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await status.GetAsync("/signin")).StatusCode);
        }
    }

    [Fact]
    public async Task The_control_plane_is_ready_and_serves_the_console_without_any_gateway_snapshot()
    {
        using var admin = fixture.Roles.ControlPlane.AdminClient(token: null);
        var ready = await admin.GetStringAsync("/readyz");
        Assert.DoesNotContain("gateway_snapshot", ready);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/signin")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.GetAsync("/api/v1/ssls")).StatusCode);
    }

    [Fact]
    public async Task A_gateway_without_the_shared_keyring_refuses_to_start_with_exit_code_1()
    {
        var environment = new Dictionary<string, string?> { ["GATEHOUSE_KEYRING"] = null };
        await using var gateway = await fixture.Roles.StartGatewayAsync(environment, waitReady: false);
        Assert.Equal(1, await gateway.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("gatehouse gateway: No keyring: set GATEHOUSE_KEYRING or pass --keyring-file.", gateway.Output);
    }

    [Fact]
    public async Task A_gateway_needs_no_admin_token_and_serves_without_one()
    {
        // DESIGN.md §6: a data-plane host holds no admin credential; the keyring alone is shared with it. A gateway that
        // demanded the token would exit at start, and waiting for it to be ready fails with its output.
        var environment = new Dictionary<string, string?>(fixture.Roles.Environment) { ["GATEHOUSE_ADMIN_TOKEN"] = null };
        await using var gateway = await fixture.Roles.StartGatewayAsync(environment, waitReady: true);
        using var admin = fixture.Roles.ControlPlane.AdminClient();
        var cert = TestPki.CreateRoot().Issue("tokenless.split.test");
        var created = await admin.CreateAsync(SslJson.Body(cert));
        var revision = created.GetProperty("revision").GetInt64();

        var served = await Eventually.ValueAsync<long?>(async () => await SplitRoles.ServedRevisionAsync(gateway), TimeSpan.FromSeconds(30),
            r => r >= revision);
        Assert.True(served >= revision, $"gateway without an admin token serves revision {served?.ToString() ?? "none"}:\n{gateway.Output}");
        // The status listener answers before the data listeners open: wait for the HTTPS port before the TLS probe.
        var open = await Eventually.ValueAsync(() => LoopbackPort.AcceptsAsync(gateway.HttpsPort), TimeSpan.FromSeconds(30), accepted => accepted);
        Assert.True(open, $"the gateway's HTTPS listener never opened:\n{gateway.Output}");
        Assert.Equal(cert.FingerprintSha256, await ServedAsync(gateway.HttpsPort, "tokenless.split.test", cert.FingerprintSha256));
        Assert.DoesNotContain("admin token", gateway.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_gateway_stops_cleanly_on_sigterm()
    {
        await using var gateway = await fixture.Roles.StartGatewayAsync();
        var exitCode = await gateway.StopAsync(TimeSpan.FromSeconds(40));
        Assert.True(exitCode == 0, $"exit code {exitCode}; output:\n{gateway.Output}");
    }

    /// <summary>The served fingerprint, polled until it is <paramref name="expected"/> or a few seconds pass.</summary>
    internal static Task<string?> ServedAsync(int port, string serverName, string expected, TimeSpan? within = null) =>
        Eventually.ValueAsync(() => TlsProbe.ServedFingerprintAsync(port, serverName), within ?? Propagation, f => f == expected);
}
