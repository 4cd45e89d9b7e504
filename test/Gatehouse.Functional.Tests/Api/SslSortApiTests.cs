using System.Text.Json;
using Gatehouse.Testing.Pki;

namespace Gatehouse.Functional.Tests.Api;

/// <summary><c>GET /ssls?sort=expiry</c>: soonest expiry first, paged by an (expiry, id) cursor, combined with the filters that make sense.</summary>
public sealed class SslSortApiTests(GatehouseFixture fixture) : IClassFixture<GatehouseFixture>
{
    private readonly HttpClient _admin = fixture.Process.AdminClient();

    /// <summary>A page, checked for every key this test stored (a sorted listing is one more place one could leak).</summary>
    private async Task<JsonElement> GetAsync(string path)
    {
        var text = await _admin.GetStringAsync(path);
        Assert.DoesNotContain("PRIVATE KEY", text);
        Assert.All(_keyLines, line => Assert.DoesNotContain(line, text));
        return JsonDocument.Parse(text).RootElement;
    }

    private static List<string> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()!)];

    private readonly List<string> _keyLines = [];

    private async Task<string> CreateAsync(TestCert cert, string? type = null)
    {
        _keyLines.AddRange(SslJson.Base64Lines(cert.KeyPem));
        return (await _admin.CreateAsync(SslJson.Body(cert, type))).GetProperty("id").GetString()!;
    }

    private static CertSpec Expiring(string name, double days) => new()
    {
        CommonName = name, DnsNames = [name], NotBefore = DateTimeOffset.UtcNow.AddDays(-40), NotAfter = DateTimeOffset.UtcNow.AddDays(days),
    };

    [Fact]
    public async Task Sort_by_expiry_pages_soonest_first_with_type_expiring_within_and_name()
    {
        var root = TestPki.CreateRoot();
        // Created latest-expiring first, so id order and expiry order differ at every step.
        var late = await CreateAsync(root.Issue(Expiring("late.sort.test", 200)));
        var mid = await CreateAsync(root.Issue(Expiring("mid.sort.test", 20)));
        var client = await CreateAsync(root.Issue(Expiring("client.sort.test", 10) with { DnsNames = null, ExtendedKeyUsages = [Oids.ClientAuth] }), "client");
        var soon = await CreateAsync(root.Issue(Expiring("soon.sort.test", 3)));
        var expired = await CreateAsync(root.Issue(Expiring("expired.sort.test", -1)));
        var namedCert = root.Issue(Expiring("named.sort.test", 15));
        _keyLines.AddRange(SslJson.Base64Lines(namedCert.KeyPem));
        var namedBody = SslJson.Body(namedCert);
        namedBody["name"] = "named-sort";
        var named = (await _admin.CreateAsync(namedBody)).GetProperty("id").GetString()!;
        List<string> expiryOrder = [expired, soon, client, named, mid, late];

        var all = await GetAsync("/api/v1/ssls?sort=expiry");
        Assert.Equal(expiryOrder, Ids(all));
        Assert.Equal(JsonValueKind.Null, all.GetProperty("next_cursor").ValueKind);

        // Two a page: the cursor is a position, and walking it visits every object once, in order.
        var walked = new List<string>();
        string? cursor = null;
        do
        {
            var page = await GetAsync($"/api/v1/ssls?sort=expiry&limit=2{(cursor is null ? "" : "&cursor=" + cursor)}");
            Assert.True(page.GetProperty("items").GetArrayLength() <= 2);
            walked.AddRange(Ids(page));
            cursor = page.GetProperty("next_cursor").GetString();
            if (cursor is not null) Assert.Matches($"^[0-9]+-{walked[^1]}$", cursor);
        } while (cursor is not null);
        Assert.Equal(expiryOrder, walked);

        Assert.Equal([expired, soon, named, mid, late], Ids(await GetAsync("/api/v1/ssls?sort=expiry&type=server")));
        Assert.Equal([expired, soon, client, named], Ids(await GetAsync("/api/v1/ssls?sort=expiry&expiring_within=16d")));
        Assert.Equal([named], Ids(await GetAsync("/api/v1/ssls?sort=expiry&name=named-sort")));
        // The default order is unchanged: by id.
        Assert.Equal([late, mid, client, soon, expired, named], Ids(await GetAsync("/api/v1/ssls?sort=id")));
        Assert.Equal([late, mid, client, soon, expired, named], Ids(await GetAsync("/api/v1/ssls")));
    }

    [Theory]
    [InlineData("sort=soonest")]
    [InlineData("sort=expiry&sort=id")]
    [InlineData("sort=expiry&sni=a.sort.test")]
    [InlineData("sort=expiry&status=pending")]
    [InlineData("sort=expiry&cursor=01aaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("sort=expiry&cursor=12-not-an-id")]
    [InlineData("cursor=638700000000000000-01aaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task Bad_sort_parameters_are_400_invalid_parameter(string query)
    {
        var (status, body, text) = await _admin.SendAsync(HttpMethod.Get, "/api/v1/ssls?" + query);
        Assert.True(status == 400, $"{query}: {status} {text}");
        Assert.Equal("invalid_parameter", body.Code());
    }
}
