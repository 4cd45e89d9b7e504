using System.Text.Json;
using Gatehouse.Testing.Pki;

namespace Gatehouse.Functional.Tests.Api;

public sealed class SslListTests(GatehouseFixture fixture) : IClassFixture<GatehouseFixture>
{
    private readonly HttpClient _admin = fixture.Process.AdminClient();

    private async Task<JsonElement> GetAsync(string path) => JsonDocument.Parse(await _admin.GetStringAsync(path)).RootElement;

    [Fact]
    public async Task Paging_filters_and_sni_order()
    {
        var root = TestPki.CreateRoot();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
            ids.Add((await _admin.CreateAsync(SslJson.Body(root.Issue($"n{i}.list.test")))).GetProperty("id").GetString()!);
        var wildcard = (await _admin.CreateAsync(SslJson.Body(root.Issue("*.list.test")))).GetProperty("id").GetString()!;
        var soon = (await _admin.CreateAsync(SslJson.Body(root.Issue(new CertSpec
        {
            CommonName = "soon", DnsNames = ["n1.list.test"], NotAfter = DateTimeOffset.UtcNow.AddDays(3),
        })))).GetProperty("id").GetString()!;
        var expired = (await _admin.CreateAsync(SslJson.Body(root.Issue(new CertSpec
        {
            CommonName = "expired", DnsNames = ["old.list.test"], NotBefore = DateTimeOffset.UtcNow.AddDays(-30), NotAfter = DateTimeOffset.UtcNow.AddDays(-1),
        })))).GetProperty("id").GetString()!;
        var client = (await _admin.CreateAsync(SslJson.Body(root.Issue(new CertSpec
        {
            CommonName = "client", DnsNames = null, ExtendedKeyUsages = [Oids.ClientAuth],
        }), type: "client"))).GetProperty("id").GetString()!;

        // Paging walks every object once, in id order.
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await GetAsync($"/api/v1/ssls?limit=3{(cursor is null ? "" : "&cursor=" + cursor)}");
            Assert.True(page.GetProperty("items").GetArrayLength() <= 3);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()!));
            cursor = page.GetProperty("next_cursor").GetString();
        } while (cursor is not null);
        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
        Assert.Equal(9, seen.Count);

        var clients = await GetAsync("/api/v1/ssls?type=client");
        Assert.Equal([client], clients.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()));

        // ?sni= lists the objects that would match, in selection order: exact (later not_after first), then wildcard.
        var bySni = await GetAsync("/api/v1/ssls?sni=N1.List.Test.");
        Assert.Equal([ids[1], soon, wildcard], bySni.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()));

        var expiring = await GetAsync("/api/v1/ssls?expiring_within=30d");
        Assert.Equal([soon, expired], expiring.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()));
        // An expired object expires "within" any window, however short.
        var withinAMinute = await GetAsync("/api/v1/ssls?expiring_within=1m");
        Assert.Equal([expired], withinAMinute.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()));
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    [InlineData("limit=abc")]
    [InlineData("type=proxy")]
    [InlineData("expiring_within=30x")]
    [InlineData("cursor=not-a-cursor")]
    public async Task Bad_query_parameters_are_400_invalid_parameter(string query)
    {
        var (status, body, _) = await _admin.SendAsync(HttpMethod.Get, "/api/v1/ssls?" + query);
        Assert.Equal(400, status);
        Assert.Equal("invalid_parameter", body.Code());
    }
}
