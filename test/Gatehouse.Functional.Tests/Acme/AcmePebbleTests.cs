using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Functional.Tests.Access;
using Gatehouse.Functional.Tests.Api;
using Gatehouse.Functional.Tests.Lifecycle;
using Gatehouse.Testing.Process;
using Gatehouse.Testing.Tls;

namespace Gatehouse.Functional.Tests.Acme;

/// <summary>
/// ACME end to end (DESIGN.md §12) against Debian's pebble on loopback: a managed object is pending at once, the
/// gateway answers the CA's validation (http-01 on its HTTP listener, tls-alpn-01 on its HTTPS listener), the chain is
/// stored and served and verifies against pebble's root; renewal when the clock passes renew_after; a refused
/// renewal is retried, reported, and the old certificate keeps serving.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class AcmePebbleTests : IDisposable
{
    private readonly TestClock _clock = new();

    public void Dispose() => _clock.Dispose();

    private Dictionary<string, string?> Environment => new()
    {
        ["GATEHOUSE_TEST_CLOCK_FILE"] = _clock.Path,
        ["GATEHOUSE_ACME_INTERVAL_MS"] = "200",
        ["GATEHOUSE_LIFECYCLE_INTERVAL_MS"] = "200",
    };

    [Theory]
    [InlineData("http-01")]
    [InlineData("tls-alpn-01")]
    public async Task A_managed_object_is_pending_then_issued_through_the_gateway_and_its_chain_verifies_against_pebbles_root(string challenge)
    {
        await using var dns = new TestDnsServer();
        await using var gatehouse = await GatehouseProcess.StartAsync(Environment);
        await using var pebble = await PebbleServer.StartAsync(gatehouse.HttpPort, gatehouse.HttpsPort, dns.Port);
        using var admin = gatehouse.AdminClient();
        var issuer = await CreateIssuerAsync(admin, pebble);

        var (status, created, text) = await admin.SendAsync(HttpMethod.Post, "/api/v1/ssls", new JsonObject
        {
            ["acme"] = new JsonObject { ["issuer"] = issuer, ["domains"] = new JsonArray("a.acme.test", "b.acme.test"), ["challenge"] = challenge },
            ["labels"] = new JsonArray("managed"),
        });
        Assert.True(status == 201, text);
        Assert.Equal("pending", created.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("certificate").ValueKind);
        Assert.Equal(["a.acme.test", "b.acme.test"], created.GetProperty("acme").GetProperty("domains").EnumerateArray().Select(d => d.GetString()));
        var id = created.GetProperty("id").GetString()!;

        var issued = await WaitForAsync(admin, id, o => o.GetProperty("status").GetString() == "active"
            && o.GetProperty("acme").GetProperty("state").GetString() == "valid", pebble, gatehouse);
        var acme = issued.GetProperty("acme");
        Assert.Equal("valid", acme.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, acme.GetProperty("error").ValueKind);
        Assert.Equal(["a.acme.test", "b.acme.test"], issued.GetProperty("snis").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("issued", acme.GetProperty("history")[0].GetProperty("outcome").GetString());
        Assert.True(acme.GetProperty("renew_after").GetDateTimeOffset() < issued.GetProperty("not_after").GetDateTimeOffset());
        // Only a tls-alpn-01 validation gets the challenge certificate (pebble validates only the challenge answered).
        var metrics = await admin.GetStringAsync("/metrics");
        var alpnLine = metrics.Split('\n').Single(l => l.StartsWith("gatehouse_tls_handshakes_total{result=\"acme_challenge\"}", StringComparison.Ordinal));
        Assert.Equal(challenge == "tls-alpn-01", !alpnLine.EndsWith(" 0", StringComparison.Ordinal));

        // Served by the gateway, and the chain verifies against the root pebble issues under.
        var fingerprint = issued.GetProperty("fingerprint_sha256").GetString();
        Assert.Equal(fingerprint, await Eventually.ValueAsync(() => OpenSslClient.ServedFingerprintAsync(gatehouse.HttpsPort, "b.acme.test"),
            TimeSpan.FromSeconds(10), f => f == fingerprint));
        var rootFile = Path.Combine(gatehouse.DataDirectory, "pebble-root.pem");
        await File.WriteAllTextAsync(rootFile, await pebble.IssuingRootPemAsync());
        Assert.Equal("Verify return code: 0 (ok)", await OpenSslVerify.VerifyAsync(gatehouse.HttpsPort, "a.acme.test", rootFile));
        // The same root does not vouch for a chain it did not issue: the check can fail.
        await File.WriteAllTextAsync(rootFile, pebble.HttpsRoot.CertPem);
        Assert.NotEqual("Verify return code: 0 (ok)", await OpenSslVerify.VerifyAsync(gatehouse.HttpsPort, "a.acme.test", rootFile));

        // The account exists and its key, like the certificate's, is stored only encrypted and shown nowhere.
        var issuerText = await admin.GetStringAsync($"/api/v1/acme/issuers/{issuer}");
        Assert.Contains("\"account_url\":\"https://localhost:", issuerText);
        Assert.DoesNotContain("account_key", issuerText);
        Assert.DoesNotContain("PRIVATE KEY", StoreFiles.ReadAll(gatehouse.DataDirectory));
        Assert.Contains("account_key", StoreFiles.ReadAll(gatehouse.DataDirectory));
        Assert.DoesNotContain("PRIVATE KEY", gatehouse.Output);

        // The challenge answers are gone once the order is done: the well-known path routes as usual (no service: 404).
        var answered = await RawGetAsync(gatehouse.HttpPort, "a.acme.test", "/.well-known/acme-challenge/unknown-token");
        Assert.Equal(HttpStatusCode.NotFound, answered);
    }

    [Fact]
    public async Task Renewal_at_renew_after_replaces_the_certificate_and_a_refused_renewal_is_retried_and_reported_while_the_old_one_serves()
    {
        await using var dns = new TestDnsServer();
        await using var gatehouse = await GatehouseProcess.StartAsync(Environment);
        await using var pebble = await PebbleServer.StartAsync(gatehouse.HttpPort, gatehouse.HttpsPort, dns.Port);
        using var admin = gatehouse.AdminClient();
        var issuer = await CreateIssuerAsync(admin, pebble);
        var (_, created, _) = await admin.SendAsync(HttpMethod.Post, "/api/v1/ssls", new JsonObject
        {
            ["acme"] = new JsonObject { ["issuer"] = issuer, ["domains"] = new JsonArray("r.acme.test") },
        });
        var id = created.GetProperty("id").GetString()!;
        var first = await WaitForAsync(admin, id, o => o.GetProperty("status").GetString() == "active"
            && o.GetProperty("acme").GetProperty("state").GetString() == "valid", pebble, gatehouse);
        var firstPrint = first.GetProperty("fingerprint_sha256").GetString();

        // A new key type forgets the account: the renewal runs on a new one, so pebble cannot reuse the first order's
        // valid authorization (it does so at random) and must validate again.
        var (putStatus, _, putText) = await admin.SendAsync(HttpMethod.Put, $"/api/v1/acme/issuers/{issuer}", new JsonObject
        {
            ["directory_url"] = pebble.DirectoryUrl,
            ["contact"] = new JsonArray("mailto:ops@acme.test"),
            ["ca_certificate"] = pebble.HttpsRoot.CertPem,
            ["key_type"] = "rsa-2048",
        });
        Assert.True(putStatus == 200, putText);

        // The CA cannot reach the gateway any more (names resolve to an address nothing listens on): the renewal fails.
        dns.Address = IPAddress.Parse("127.0.0.9");
        var renewAfter = first.GetProperty("acme").GetProperty("renew_after").GetDateTimeOffset();
        _clock.Set(renewAfter - DateTimeOffset.UtcNow + TimeSpan.FromMinutes(1));
        var failed = await WaitForAsync(admin, id, o => o.GetProperty("acme").GetProperty("state").GetString() == "failed", pebble, gatehouse);
        var facts = failed.GetProperty("acme");
        Assert.Contains("ended invalid", facts.GetProperty("error").GetString());
        Assert.Equal(1, facts.GetProperty("failures").GetInt32());
        Assert.True(facts.GetProperty("next_attempt_at").GetDateTimeOffset() > _clock.Now + TimeSpan.FromMinutes(3));
        Assert.Equal(firstPrint, failed.GetProperty("fingerprint_sha256").GetString());
        Assert.Equal(firstPrint, await OpenSslClient.ServedFingerprintAsync(gatehouse.HttpsPort, "r.acme.test"));
        Assert.Contains(await EventTypesAsync(admin), t => t == "acme.failed");

        // Past the backoff, with the CA able to reach the gateway again, the retry renews. The clock goes to a day before
        // the first certificate ends: past the renewal point (two thirds, less any jitter) of any certificate issued now.
        dns.Address = IPAddress.Loopback;
        Assert.True(first.GetProperty("not_after").GetDateTimeOffset() - TimeSpan.FromDays(1) > facts.GetProperty("next_attempt_at").GetDateTimeOffset());
        _clock.Set(first.GetProperty("not_after").GetDateTimeOffset() - TimeSpan.FromDays(1) - DateTimeOffset.UtcNow);
        var renewed = await WaitForAsync(admin, id, o => o.GetProperty("acme").GetProperty("state").GetString() == "valid"
            && o.GetProperty("fingerprint_sha256").GetString() != firstPrint, pebble, gatehouse);
        // The test clock stands past the renewal point of the certificate just issued: the renewal is counted from the
        // node's clock at issuance (a share of the lifetime later), so it happens once, not again at every pass.
        var lifetime = renewed.GetProperty("not_after").GetDateTimeOffset() - renewed.GetProperty("not_before").GetDateTimeOffset();
        Assert.True(renewed.GetProperty("acme").GetProperty("renew_after").GetDateTimeOffset() > _clock.Now + lifetime / 2, renewed.ToString());
        await Task.Delay(TimeSpan.FromSeconds(3));
        renewed = await WaitForAsync(admin, id, o => o.GetProperty("acme").GetProperty("state").GetString() == "valid", pebble, gatehouse);
        var outcomes = renewed.GetProperty("acme").GetProperty("history").EnumerateArray().Select(h => h.GetProperty("outcome").GetString());
        Assert.Equal(["issued", "failed", "renewed"], outcomes);
        Assert.Equal(3, renewed.GetProperty("acme").GetProperty("orders").GetInt32());
        Assert.Equal(0, renewed.GetProperty("acme").GetProperty("failures").GetInt32());
        Assert.Equal("RSA 2048", renewed.GetProperty("key_algorithm").GetString());
        var newPrint = renewed.GetProperty("fingerprint_sha256").GetString();
        Assert.Equal(newPrint, await Eventually.ValueAsync(() => OpenSslClient.ServedFingerprintAsync(gatehouse.HttpsPort, "r.acme.test"),
            TimeSpan.FromSeconds(10), f => f == newPrint));
        Assert.Contains(await EventTypesAsync(admin), t => t == "acme.renewed");
    }

    internal static async Task<string> CreateIssuerAsync(HttpClient admin, PebbleServer pebble)
    {
        var (status, issuer, text) = await admin.SendAsync(HttpMethod.Post, "/api/v1/acme/issuers", new JsonObject
        {
            ["directory_url"] = pebble.DirectoryUrl,
            ["contact"] = new JsonArray("mailto:ops@acme.test"),
            ["ca_certificate"] = pebble.HttpsRoot.CertPem,
        });
        Assert.True(status == 201, text);
        return issuer.GetProperty("id").GetString()!;
    }

    internal static async Task<JsonElement> WaitForAsync(HttpClient admin, string id, Func<JsonElement, bool> done, PebbleServer pebble,
        GatehouseProcess gatehouse)
    {
        var value = await Eventually.ValueAsync(async () =>
        {
            using var document = JsonDocument.Parse(await admin.GetStringAsync($"/api/v1/ssls/{id}"));
            return (JsonElement?)document.RootElement.Clone();
        }, TimeSpan.FromSeconds(60), v => v is { } o && done(o));
        Assert.True(value is { } v && done(v), $"object {id}: {value}\n--- gatehouse:\n{gatehouse.Output}\n--- pebble:\n{pebble.Output}");
        return value!.Value;
    }

    private static async Task<List<string>> EventTypesAsync(HttpClient admin)
    {
        using var page = JsonDocument.Parse(await admin.GetStringAsync("/api/v1/events"));
        return [.. page.RootElement.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString()!)];
    }

    private static async Task<HttpStatusCode> RawGetAsync(int port, string host, string path)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}{path}");
        request.Headers.Host = host;
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
