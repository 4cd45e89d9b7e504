using System.Security.Cryptography;
using System.Text.Json;
using Gatehouse.Functional.Tests.Api;
using Gatehouse.Testing.Etcd;
using Gatehouse.Testing.Pki;
using Gatehouse.Testing.Process;
using Gatehouse.Testing.Tls;

namespace Gatehouse.Functional.Tests.Lifecycle;

/// <summary>
/// A cluster on one real etcd — two control planes and a separate gateway — asks the OCSP responder once per refresh
/// (DESIGN.md §12): the control planes race for the fetch through the store, and the gateway staples the stored answer
/// without ever asking the responder itself.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class TwoControlPlaneOcspTests
{
    private static readonly TestCert Root = TestPki.CreateRoot("Cluster OCSP Root");
    private static readonly TestCert Intermediate = Root.Issue(new CertSpec
    {
        CommonName = "Cluster OCSP Intermediate", IsCa = true, DnsNames = null, ExtendedKeyUsages = null,
    });

    [Fact]
    public async Task Two_control_planes_and_a_gateway_ask_the_responder_once_and_the_gateway_staples_the_stored_answer()
    {
        await using var responder = await OpenSslOcspResponder.StartAsync(Intermediate);
        TestCert leaf;
        do
        {
            leaf = Intermediate.Issue(new CertSpec { CommonName = "cluster.ocsp.test", DnsNames = ["cluster.ocsp.test"], AuthorityInfoUrl = responder.Url });
        }
        while (leaf.Certificate.SerialNumberBytes.Span[0] == 0);
        responder.Set(leaf, revoked: false);

        await using var etcd = await EtcdServer.StartAsync();
        var store = "etcd://" + new Uri(etcd.Endpoint).Authority;
        var environment = new Dictionary<string, string?>
        {
            ["GATEHOUSE_KEYRING"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            // Both scan often, so they race for the fetch; the response is valid 5 minutes, so the next refresh
            // (half-way) is 2.5 minutes away: every request beyond the first would be a repeat.
            ["GATEHOUSE_LIFECYCLE_INTERVAL_MS"] = "100",
        };
        await using var first = await GatehouseProcess.StartRoleAsync("control-plane", environment, waitReady: true, "--store", store);
        await using var second = await GatehouseProcess.StartRoleAsync("control-plane", environment, waitReady: true, "--store", store);
        await using var gateway = await GatehouseProcess.StartRoleAsync("gateway", environment, waitReady: true, "--store", store);

        var id = (await first.AdminClient().CreateAsync(SslJson.Body(leaf))).GetProperty("id").GetString()!;
        var good = await Eventually.ValueAsync(async () =>
        {
            // The second control plane learns of the object from the watch: 404 until it has.
            using var response = await second.AdminClient().GetAsync($"/api/v1/ssls/{id}");
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return default;
            response.EnsureSuccessStatusCode();
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return document.RootElement.Clone();
        }, TimeSpan.FromSeconds(20), o => o.ValueKind == JsonValueKind.Object
            && o.GetProperty("ocsp") is { ValueKind: JsonValueKind.Object } ocsp && ocsp.GetProperty("status").GetString() == "good");
        Assert.True(good.GetProperty("ocsp").GetProperty("stapled").GetBoolean(), good.ToString());

        var handshake = await Eventually.ValueAsync(async () => (OpenSslHandshake?)await OpenSslClient.HandshakeAsync(gateway.HttpsPort, "cluster.ocsp.test", "-status"),
            TimeSpan.FromSeconds(20), h => h!.Output.Contains("Cert Status: good", StringComparison.Ordinal));
        Assert.NotNull(handshake);
        Assert.True(handshake.Completed, handshake.Output);
        Assert.Contains("OCSP Response Status: successful", handshake.Output);
        Assert.Contains("Cert Status: good", handshake.Output);
        // (Asked without -status: s_client prints the staple's signer certificate before the server's.)
        Assert.Equal(leaf.FingerprintSha256, await OpenSslClient.ServedFingerprintAsync(gateway.HttpsPort, "cluster.ocsp.test"));

        // Many scans later (100 ms each, on both control planes) and after more handshakes: still the one request.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Contains("Cert Status: good", (await OpenSslClient.HandshakeAsync(gateway.HttpsPort, "cluster.ocsp.test", "-status")).Output);
        Assert.Equal(1, responder.Requests);
    }
}
