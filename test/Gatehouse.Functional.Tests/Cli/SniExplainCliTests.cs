using Gatehouse.Testing.Pki;

namespace Gatehouse.Functional.Tests.Cli;

[Collection(CliCollection.Name)]
public sealed class SniExplainCliTests(GatehouseFixture fixture) : IDisposable
{
    private readonly CliHarness _cli = new(fixture.Process);

    [Fact]
    public async Task Explain_names_the_winner_and_the_candidates()
    {
        var root = TestPki.CreateRoot();
        var (cert, key) = _cli.Write(root.Issue("*.explain-cli.test"), "wild");
        var created = await _cli.RunAsync("ssl", "create", "--cert", cert, "--key", key, "-o", "json");
        var id = created.OutJson.GetProperty("id").GetString()!;

        var table = await _cli.RunAsync("sni", "explain", "API.explain-cli.test.");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Matches(@"(?m)^normalized:\s+api\.explain-cli\.test$", table.Out);
        Assert.Matches($@"(?m)^winner:\s+{id}$", table.Out);
        Assert.Matches(@"(?m)^decided by:\s+wildcard$", table.Out);
        Assert.Matches($@"(?m)^{id}\s+\*\.explain-cli\.test\s+wildcard\s+yes\s", table.Out);

        var json = await _cli.RunAsync("sni", "explain", "api.explain-cli.test", "-o", "json");
        Assert.Equal(id, json.OutJson.GetProperty("winner").GetString());
        Assert.Equal("wildcard", json.OutJson.GetProperty("decided_by").GetString());

        var noSni = await _cli.RunAsync("sni", "explain", "-o", "json");
        Assert.True(noSni.ExitCode == 0, noSni.ToString());
        Assert.Equal("", noSni.OutJson.GetProperty("host").GetString());
    }

    public void Dispose() => _cli.Dispose();
}
