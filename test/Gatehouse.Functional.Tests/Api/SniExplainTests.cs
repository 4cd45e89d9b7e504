using System.Text.Json;
using Gatehouse.Testing.Pki;

namespace Gatehouse.Functional.Tests.Api;

public sealed class SniExplainTests(GatehouseFixture fixture) : IClassFixture<GatehouseFixture>
{
    private readonly HttpClient _admin = fixture.Process.AdminClient();

    private async Task<JsonElement> GetAsync(string path) => JsonDocument.Parse(await _admin.GetStringAsync(path)).RootElement;

    [Fact]
    public async Task Sni_explain_names_the_winner_and_why()
    {
        var root = TestPki.CreateRoot();
        var exact = (await _admin.CreateAsync(SslJson.Body(root.Issue("api.explain.test")))).GetProperty("id").GetString()!;
        var wild = (await _admin.CreateAsync(SslJson.Body(root.Issue("*.explain.test")))).GetProperty("id").GetString()!;

        var byExact = await GetAsync("/api/v1/sni/API.explain.test.");
        Assert.Equal("api.explain.test", byExact.GetProperty("normalized").GetString());
        Assert.Equal(exact, byExact.GetProperty("winner").GetString());
        Assert.Equal("exact", byExact.GetProperty("decided_by").GetString());
        Assert.Equal(2, byExact.GetProperty("candidates").GetArrayLength());

        var byWildcard = await GetAsync("/api/v1/sni/web.explain.test");
        Assert.Equal(wild, byWildcard.GetProperty("winner").GetString());
        Assert.Equal("wildcard", byWildcard.GetProperty("decided_by").GetString());

        var none = await GetAsync("/api/v1/sni/a.b.explain.test");
        Assert.Equal(JsonValueKind.Null, none.GetProperty("winner").ValueKind);
        Assert.Equal("no_match", none.GetProperty("decided_by").GetString());

        var noSni = await GetAsync("/api/v1/sni/");
        Assert.Equal("no_match", noSni.GetProperty("decided_by").GetString());
    }
}
