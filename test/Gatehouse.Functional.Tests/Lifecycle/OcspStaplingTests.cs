using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Gatehouse.Functional.Tests.Api;
using Gatehouse.Testing.Pki;
using Gatehouse.Testing.Process;
using Gatehouse.Testing.Tls;
using Gatehouse.Testing.Metrics;

namespace Gatehouse.Functional.Tests.Lifecycle;

/// <summary>
/// OCSP stapling (DESIGN.md §12) against a local responder whose answers openssl signs: the staple is seen by
/// <c>openssl s_client -status</c>; a revoked answer marks the object revoked, raises <c>ssl.revoked</c>, and hands the
/// name to a non-revoked object; a responder that cannot be reached never breaks a handshake.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class OcspStaplingTests
{
    private static readonly TestCert Root = TestPki.CreateRoot("OCSP Root");
    private static readonly TestCert Intermediate = Root.Issue(new CertSpec
    {
        CommonName = "OCSP Intermediate", IsCa = true, DnsNames = null, ExtendedKeyUsages = null,
    });

    private static readonly Dictionary<string, string?> Environment = new()
    {
        ["GATEHOUSE_LIFECYCLE_INTERVAL_MS"] = "200",
        ["GATEHOUSE_OCSP_REFRESH_MS"] = "3000",
        ["GATEHOUSE_OCSP_RETRY_MS"] = "500",
    };

    /// <summary>A leaf whose serial openssl's index spells the same way (no leading zero byte).</summary>
    private static TestCert Leaf(string name, int days, string? ocspUrl)
    {
        while (true)
        {
            var leaf = Intermediate.Issue(new CertSpec
            {
                CommonName = name, DnsNames = [name], NotAfter = DateTimeOffset.UtcNow.AddDays(days), AuthorityInfoUrl = ocspUrl,
            });
            if (leaf.Certificate.SerialNumberBytes.Span[0] != 0) return leaf;
        }
    }

    private static async Task<JsonElement> GetAsync(HttpClient admin, string id)
    {
        using var document = JsonDocument.Parse(await admin.GetStringAsync($"/api/v1/ssls/{id}"));
        return document.RootElement.Clone();
    }

    /// <summary>One <c>openssl s_client -status</c> handshake; its output, after checking that the handshake completed.</summary>
    private static async Task<string> StatusOutputAsync(int port, string host, string version = "-tls1_3")
    {
        var handshake = await OpenSslClient.HandshakeAsync(port, host, "-status", version);
        Assert.True(handshake.Completed, handshake.Output);
        return handshake.Output;
    }

    [Fact]
    public async Task The_staple_is_served_and_a_revoked_answer_hands_the_name_to_a_non_revoked_object()
    {
        await using var responder = await OpenSslOcspResponder.StartAsync(Intermediate);
        var stapled = Leaf("ocsp.staple.test", 60, responder.Url);
        var other = Intermediate.Issue(new CertSpec
        {
            CommonName = "ocsp.staple.test", DnsNames = ["ocsp.staple.test", "ocsp.other.test"], NotAfter = DateTimeOffset.UtcNow.AddDays(30),
        });
        responder.Set(stapled, revoked: false);
        await using var process = await GatehouseProcess.StartAsync(Environment);
        var admin = process.AdminClient();
        var stapledId = (await admin.CreateAsync(SslJson.Body(stapled))).GetProperty("id").GetString()!;
        var otherId = (await admin.CreateAsync(SslJson.Body(other))).GetProperty("id").GetString()!;

        var good = await Eventually.ValueAsync(async () => await GetAsync(admin, stapledId), TimeSpan.FromSeconds(20),
            o => o.GetProperty("ocsp") is { ValueKind: JsonValueKind.Object } ocsp && ocsp.GetProperty("status").GetString() == "good");
        var facts = good.GetProperty("ocsp");
        Assert.True(facts.GetProperty("status").GetString() == "good", good.ToString());
        Assert.True(facts.GetProperty("next_update").GetDateTimeOffset() > facts.GetProperty("this_update").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, facts.GetProperty("error").ValueKind);
        Assert.Equal("active", good.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, (await GetAsync(admin, otherId)).GetProperty("ocsp").ValueKind);

        // Refreshed at half its validity (capped at 3 s here), not at every scan of the 200 ms loop.
        var asked = responder.Requests;
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(asked, responder.Requests);

        // openssl s_client -status sees the staple over TLS 1.3 and 1.2 (the gateway learns it through the store's watch).
        var output = await Eventually.ValueAsync(async () => await StatusOutputAsync(process.HttpsPort, "ocsp.staple.test"), TimeSpan.FromSeconds(20),
            o => o!.Contains("Cert Status: good", StringComparison.Ordinal));
        Assert.Contains("OCSP Response Status: successful", output);
        Assert.Contains("Cert Status: good", output);
        Assert.Contains("Cert Status: good", await StatusOutputAsync(process.HttpsPort, "ocsp.staple.test", "-tls1_2"));
        Assert.Equal(stapled.FingerprintSha256, await OpenSslClient.ServedFingerprintAsync(process.HttpsPort, "ocsp.staple.test"));
        // The other object names no responder: nothing is stapled for it.
        Assert.Contains("OCSP response: no response sent", await StatusOutputAsync(process.HttpsPort, "ocsp.other.test"));

        // The staple's age (since its thisUpdate) is a metric, and a good answer counts as such.
        using (var metricsClient = new HttpClient { BaseAddress = process.AdminUri })
        {
            var before = (await Eventually.ValueAsync(async () => await PrometheusScrape.GetAsync(metricsClient), TimeSpan.FromSeconds(10),
                t => t!.Value("gatehouse_ocsp_staple_age_seconds") >= 1))!;
            Assert.True(before.Value("gatehouse_ocsp_staple_age_seconds") >= 1, before.Text);
            Assert.True(before.Value("gatehouse_ocsp_fetches_total", ("result", "good")) >= 1, before.Text);
            Assert.Equal(0, before.Value("gatehouse_ssl_revoked"));
        }

        responder.Set(stapled, revoked: true);
        var revoked = await Eventually.ValueAsync(async () => await GetAsync(admin, stapledId), TimeSpan.FromSeconds(20),
            o => o.GetProperty("status").GetString() == "revoked");
        Assert.True(revoked.GetProperty("status").GetString() == "revoked", revoked.ToString());
        Assert.Equal("revoked", revoked.GetProperty("ocsp").GetProperty("status").GetString());

        using (var explained = JsonDocument.Parse(await admin.GetStringAsync("/api/v1/sni/ocsp.staple.test")))
        {
            Assert.Equal(otherId, explained.RootElement.GetProperty("winner").GetString());
            Assert.Equal("revocation", explained.RootElement.GetProperty("decided_by").GetString());
        }
        var served = await Eventually.ValueAsync(() => OpenSslClient.ServedFingerprintAsync(process.HttpsPort, "ocsp.staple.test"),
            TimeSpan.FromSeconds(20), f => f == other.FingerprintSha256);
        Assert.Equal(other.FingerprintSha256, served);

        var events = await Eventually.ValueAsync(async () => await NotifierTests.EventsAsync(admin, "?type=ssl.revoked"), TimeSpan.FromSeconds(10),
            e => e!.Count > 0);
        Assert.Equal(stapledId, Assert.Single(events!).GetProperty("ssl").GetProperty("id").GetString());
        using var metrics = new HttpClient { BaseAddress = process.AdminUri };
        var scrape = (await Eventually.ValueAsync(async () => await PrometheusScrape.GetAsync(metrics), TimeSpan.FromSeconds(10),
            t => t!.Value("gatehouse_ssl_revoked") == 1))!;
        Assert.Equal(1, scrape.Value("gatehouse_ssl_revoked"));
        Assert.True(scrape.Value("gatehouse_ocsp_fetches_total", ("result", "revoked")) >= 1, scrape.Text);
    }

    [Fact]
    public async Task A_responder_that_is_down_or_never_answers_never_delays_or_fails_a_handshake()
    {
        // One responder refuses connections (nothing listens), the other accepts and never answers.
        var closedPort = FreePort.Next();
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(backlog: 16);
        var silentUrl = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/";
        var down = Leaf("ocsp.down.test", 60, $"http://127.0.0.1:{closedPort}/");
        var hanging = Leaf("ocsp.hang.test", 60, silentUrl);
        await using var process = await GatehouseProcess.StartAsync(Environment);
        var admin = process.AdminClient();
        var downId = (await admin.CreateAsync(SslJson.Body(down))).GetProperty("id").GetString()!;
        var hangingId = (await admin.CreateAsync(SslJson.Body(hanging))).GetProperty("id").GetString()!;

        var failing = await Eventually.ValueAsync(async () => await GetAsync(admin, downId), TimeSpan.FromSeconds(20),
            o => o.GetProperty("ocsp") is { ValueKind: JsonValueKind.Object } ocsp && ocsp.GetProperty("error").ValueKind == JsonValueKind.String);
        Assert.Contains("could not be reached", failing.GetProperty("ocsp").GetProperty("error").GetString());
        Assert.Equal("active", failing.GetProperty("status").GetString());

        // The gateway has loaded both objects (through the store's watch; a busy machine may take a moment).
        foreach (var (host, cert) in new[] { ("ocsp.down.test", down), ("ocsp.hang.test", hanging) })
        {
            var served = await Eventually.ValueAsync(() => OpenSslClient.ServedFingerprintAsync(process.HttpsPort, host), TimeSpan.FromSeconds(15),
                f => f == cert.FingerprintSha256);
            Assert.Equal(cert.FingerprintSha256, served);
        }

        // While a fetch hangs on the silent responder (10 s deadline), handshakes for both names are served at once.
        for (var i = 0; i < 3; i++)
        {
            foreach (var (host, cert) in new[] { ("ocsp.down.test", down), ("ocsp.hang.test", hanging) })
            {
                var watch = Stopwatch.StartNew();
                var handshake = await OpenSslClient.HandshakeAsync(process.HttpsPort, host, "-status", "-tls1_3");
                Assert.True(handshake.Completed, $"{host}: {handshake.Output}\n{process.Output}");
                var output = handshake.Output;
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"the handshake for {host} took {watch.Elapsed}");
                Assert.Contains("OCSP response: no response sent", output);
                Assert.Equal(cert.FingerprintSha256, await OpenSslClient.ServedFingerprintAsync(process.HttpsPort, host));
            }
        }
        var waiting = await GetAsync(admin, hangingId);
        Assert.Equal("active", waiting.GetProperty("status").GetString());
        Assert.True(silent.Pending() || waiting.GetProperty("ocsp").ValueKind == JsonValueKind.Object, "the silent responder was asked");
    }
}
