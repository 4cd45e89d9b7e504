using Gatehouse.Testing.Pki;

namespace Gatehouse.Functional.Tests.Api;

/// <summary>
/// Issue 9, item 10: a certificate clients would refuse is not accepted silently. More than 1 000 subjectAltName
/// entries per object is a 400 that stores nothing; a chain above 64 KiB is accepted with a warning.
/// </summary>
public sealed class SanLimitTests(GatehouseFixture fixture) : IClassFixture<GatehouseFixture>
{
    private static readonly TestCert Root = TestPki.CreateRoot("San Limit Root");
    private readonly HttpClient _admin = fixture.Process.AdminClient();

    private static TestCert WithNames(int count, string label) => Root.Issue(new CertSpec
    {
        CommonName = "many names",
        DnsNames = [.. Enumerable.Range(0, count).Select(i => $"n{i:D4}-{label}.san-limit.test")],
    });

    [Fact]
    public async Task More_than_1000_sans_is_400_invalid_certificate_and_stores_nothing()
    {
        var (status, body, text) = await _admin.SendAsync(HttpMethod.Post, "/api/v1/ssls", SslJson.Body(WithNames(1001, "x")));
        Assert.True(status == 400, $"expected 400, got {status}: {text[..Math.Min(text.Length, 500)]}");
        Assert.Equal("invalid_certificate", body.Code());
        Assert.Contains(body.DetailMessages(), m => m.Contains("1000", StringComparison.Ordinal) && m.Contains("subjectAltName", StringComparison.Ordinal));
        var (_, listed, _) = await _admin.SendAsync(HttpMethod.Get, "/api/v1/ssls?sni=n0000-x.san-limit.test");
        Assert.Empty(listed.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_chain_above_64_kib_is_accepted_with_a_warning()
    {
        var label = new string('l', 55);
        var big = WithNames(1000, label);
        Assert.True(big.Certificate.RawData.Length > 64 * 1024, "the test certificate is not above 64 KiB");
        var created = await _admin.CreateAsync(SslJson.Body(big));
        Assert.Equal(1000, created.GetProperty("snis").GetArrayLength());
        Assert.Contains(created.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!),
            w => w.Contains("64 KiB", StringComparison.Ordinal));

        var small = await _admin.CreateAsync(SslJson.Body(Root.Issue("small.san-limit.test")));
        Assert.DoesNotContain(small.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!),
            w => w.Contains("64 KiB", StringComparison.Ordinal));
    }
}
