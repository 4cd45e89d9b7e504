using Gatehouse.Functional.Tests.Api;
using Gatehouse.Testing.Pki;
using Gatehouse.Testing.Tls;

namespace Gatehouse.Functional.Tests.Gateway;

/// <summary>DESIGN.md §3 at the handshake, checked with openssl s_client against the real process.</summary>
[Collection(TimingCollection.Name)]
public sealed class SniSelectionTests(GatehouseFixture fixture) : IClassFixture<GatehouseFixture>
{
    private static readonly TestCert Root = TestPki.CreateRoot();
    private readonly HttpClient _admin = fixture.Process.AdminClient();
    private int Port => fixture.Process.HttpsPort;

    private async Task<string> CreateAsync(TestCert cert, bool fallback = false)
    {
        var created = await _admin.CreateAsync(SslJson.Body(cert, fallback: fallback ? true : null));
        await GatewayRevision.WaitForAsync(fixture.Process, created.GetProperty("revision").GetInt64());
        return created.GetProperty("id").GetString()!;
    }

    /// <summary>Asserts the certificate served for <paramref name="sni"/> becomes <paramref name="expected"/> within 1 s of the write.</summary>
    private async Task AssertServedAsync(string? sni, string expected)
    {
        var served = await Eventually.ValueAsync(() => OpenSslClient.ServedFingerprintAsync(Port, sni), accept: f => f == expected);
        Assert.Equal(expected, served);
    }

    [Fact]
    public async Task Exact_beats_wildcard_and_wildcards_are_one_label_deep()
    {
        var exact = Root.Issue("api.sel.test");
        var wildcard = Root.Issue("*.sel.test");
        await CreateAsync(exact);
        await CreateAsync(wildcard);

        await AssertServedAsync("api.sel.test", exact.FingerprintSha256);
        await AssertServedAsync("www.sel.test", wildcard.FingerprintSha256);
        Assert.Null(await OpenSslClient.ServedFingerprintAsync(Port, "sel.test"));
        Assert.Null(await OpenSslClient.ServedFingerprintAsync(Port, "a.b.sel.test"));
        Assert.Equal(exact.FingerprintSha256, await OpenSslClient.ServedFingerprintAsync(Port, "API.SEL.Test"));
        Assert.Equal(exact.FingerprintSha256, await OpenSslClient.ServedFingerprintAsync(Port, "api.sel.test."));
        Assert.Null(await OpenSslClient.ServedFingerprintAsync(Port, "unknown.example"));
    }

    [Fact]
    public async Task Idn_names_match_in_a_label_and_u_label_form()
    {
        var idn = Root.Issue("bücher.idn.test");
        await CreateAsync(idn);
        await AssertServedAsync("xn--bcher-kva.idn.test", idn.FingerprintSha256);
        Assert.Equal(idn.FingerprintSha256, await TlsProbe.ServedFingerprintAsync(Port, "bücher.idn.test"));
    }

    [Fact]
    public async Task No_sni_gets_the_fallback_only_when_one_exists_and_unknown_names_never_do()
    {
        Assert.Null(await OpenSslClient.ServedFingerprintAsync(Port, serverName: null));
        var fallback = Root.Issue("default.fb.test");
        var id = await CreateAsync(fallback, fallback: true);
        try
        {
            await AssertServedAsync(null, fallback.FingerprintSha256);
            Assert.Null(await OpenSslClient.ServedFingerprintAsync(Port, "unknown.fb.test"));
        }
        finally
        {
            await _admin.DeleteAsync($"/api/v1/ssls/{id}?confirm={id}");
        }
    }

    [Fact]
    public async Task Ties_prefer_valid_then_the_latest_not_after()
    {
        var now = DateTimeOffset.UtcNow;
        var expired = Root.Issue(new CertSpec { DnsNames = ["tie.sel.test"], NotBefore = now.AddDays(-30), NotAfter = now.AddDays(-1) });
        var sooner = Root.Issue(new CertSpec { DnsNames = ["tie.sel.test"], NotAfter = now.AddDays(30) });
        var later = Root.Issue(new CertSpec { DnsNames = ["tie.sel.test"], NotAfter = now.AddDays(60) });
        await CreateAsync(later);
        await CreateAsync(expired);
        await CreateAsync(sooner);
        await AssertServedAsync("tie.sel.test", later.FingerprintSha256);

        var notYet = Root.Issue(new CertSpec { DnsNames = ["tie2.sel.test"], NotBefore = now.AddDays(1), NotAfter = now.AddDays(400) });
        var valid = Root.Issue(new CertSpec { DnsNames = ["tie2.sel.test"], NotAfter = now.AddDays(10) });
        await CreateAsync(notYet);
        await CreateAsync(valid);
        await AssertServedAsync("tie2.sel.test", valid.FingerprintSha256);
    }

    [Fact]
    public async Task Crossing_not_after_changes_the_choice_without_any_write()
    {
        var now = DateTimeOffset.UtcNow;
        // 20 s of validity: two creates and a probe took more than 4 s on a loaded machine, so the first assertion saw it expired.
        var expiring = Root.Issue(new CertSpec { DnsNames = ["clock.sel.test"], NotBefore = now.AddMinutes(-5), NotAfter = now.AddSeconds(20) });
        var future = Root.Issue(new CertSpec { DnsNames = ["clock.sel.test"], NotBefore = now.AddDays(1), NotAfter = now.AddDays(2) });
        await CreateAsync(expiring);
        await CreateAsync(future);
        await AssertServedAsync("clock.sel.test", expiring.FingerprintSha256);
        var revision = await RevisionAsync();

        // Both invalid after not_after: the later not_after wins, with no write in between.
        var waitUntil = expiring.Certificate.NotAfter.ToUniversalTime().AddSeconds(1.5);
        while (DateTime.UtcNow < waitUntil) await Task.Delay(100);
        Assert.Equal(future.FingerprintSha256, await OpenSslClient.ServedFingerprintAsync(Port, "clock.sel.test"));
        Assert.Equal(revision, await RevisionAsync());
    }

    private async Task<long> RevisionAsync()
    {
        using var client = fixture.Process.AdminClient(token: null);
        var health = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/healthz")).RootElement;
        return health.GetProperty("revision").GetInt64();
    }
}
