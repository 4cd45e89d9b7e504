using Gatehouse.Functional.Tests.Api;
using Gatehouse.Testing.Pki;
using Gatehouse.Testing.Metrics;

namespace Gatehouse.Functional.Tests.Gateway;

/// <summary>
/// Issue 9, item 2: when time passing changes which object serves a host and that changes the host's CA set (here a
/// forced object without a CA becomes valid and wins), the gateway logs a warning and counts it.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class LiveSelectionChangeTests(GatehouseFixture fixture) : TwoUpstreamsTests(fixture, "Live Selection Root")
{
    private async Task<long> CaSetChangesAsync()
    {
        using var metrics = Gatehouse.AdminClient(token: null);
        return (long)((await PrometheusScrape.GetAsync(metrics)).Value("gatehouse_live_selection_changes_total", ("change", "ca_set")) ?? -1);
    }

    [Fact]
    public async Task A_host_losing_peer_authentication_when_a_certificate_becomes_valid_is_a_warning_and_a_metric()
    {
        const string host = "live.selection.test";
        await Gatehouse.CreateSslAsync(SslJson.Body(Root.Issue(new CertSpec
        {
            CommonName = host, DnsNames = [host], NotAfter = DateTimeOffset.UtcNow.AddDays(30),
        }), ca: TestPki.CreateRoot("Live Client CA").CertPem));
        var service = await Gatehouse.CreateServiceAsync(ServiceRequests.Body("live", [host], (A.Port, 1)));
        Assert.Equal(403, (await HttpAsync(host, "/")).Status);
        Assert.Equal(0, await CaSetChangesAsync());

        var soon = Root.Issue(new CertSpec
        {
            CommonName = host, DnsNames = [host], NotBefore = DateTimeOffset.UtcNow.AddSeconds(15), NotAfter = DateTimeOffset.UtcNow.AddDays(60),
        });
        using (var admin = Gatehouse.AdminClient())
        {
            var (status, created, text) = await admin.SendAsync(HttpMethod.Post, "/api/v1/ssls?force=true", SslJson.Body(soon));
            Assert.True(status == 201, text);
            await GatewayRevision.WaitForAsync(Gatehouse, created.GetProperty("revision").GetInt64(), TimeSpan.FromSeconds(5));
        }
        Assert.Equal(403, (await HttpAsync(host, "/")).Status);
        Assert.Equal(0, await CaSetChangesAsync());

        var counted = await Eventually.ValueAsync(CaSetChangesAsync, TimeSpan.FromSeconds(45), c => c >= 1);
        Assert.Equal(1, counted);
        // The console logger writes asynchronously: the line may follow the counter by a moment.
        var warning = await Eventually.ValueAsync(() => Task.FromResult(Gatehouse.Output.Split('\n').FirstOrDefault(l =>
            l.Contains(host, StringComparison.Ordinal) && l.Contains(service, StringComparison.Ordinal)
            && l.Contains("peer authentication", StringComparison.Ordinal))), TimeSpan.FromSeconds(10));
        Assert.True(warning is not null, "no warning names the host and its service:\n" + Gatehouse.Output);
        Assert.Equal(200, (await HttpAsync(host, "/")).Status);
    }
}
