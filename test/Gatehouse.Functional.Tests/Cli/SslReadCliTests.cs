using System.Text.Json;
using Gatehouse.Testing.Pki;

namespace Gatehouse.Functional.Tests.Cli;

[Collection(CliCollection.Name)]
public sealed class SslReadCliTests(GatehouseFixture fixture) : IDisposable
{
    private readonly CliHarness _cli = new(fixture.Process);

    private async Task<string> CreateAsync(TestCert leaf, string name)
    {
        var (cert, key) = _cli.Write(leaf, name);
        var run = await _cli.RunAsync("ssl", "create", "--cert", cert, "--key", key, "-o", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.OutJson.GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task List_prints_a_table_and_json_and_follows_next_cursor_with_all()
    {
        var root = TestPki.CreateRoot();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) ids.Add(await CreateAsync(root.Issue($"n{i}.list-cli.test"), $"n{i}"));

        var table = await _cli.RunAsync("ssl", "list", "--all");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Matches(@"^ID\s+NAME\s+TYPE\s+SNIS\s+NOT AFTER\s+STATUS\s+PEER AUTH\s+LABELS\n", table.Out.ReplaceLineEndings("\n"));
        Assert.Matches($@"(?m)^{ids[1]}\s+-\s+server\s+n1\.list-cli\.test\s+\S+Z\s+active\s+no\s+-$", table.Out);

        // One object per request: every page is fetched and joined.
        var all = await _cli.RunAsync("ssl", "list", "--page-size", "1", "--output", "json");
        Assert.True(all.ExitCode == 0, all.ToString());
        var listed = all.OutJson.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.All(ids, id => Assert.Contains(id, listed));
        Assert.Equal(listed.Count, listed.Distinct().Count());
        Assert.Equal(JsonValueKind.Null, all.OutJson.GetProperty("next_cursor").ValueKind);

        var one = await _cli.RunAsync("ssl", "list", "--limit", "1", "--output", "json");
        Assert.Equal(1, one.OutJson.GetProperty("items").GetArrayLength());
        var next = one.OutJson.GetProperty("next_cursor").GetString()!;
        var second = await _cli.RunAsync("ssl", "list", "--limit", "1", "--cursor", next, "-o", "json");
        Assert.True(string.CompareOrdinal(second.OutJson.GetProperty("items")[0].GetProperty("id").GetString(), next) > 0);

        var bySni = await _cli.RunAsync("ssl", "list", "--sni", "n2.list-cli.test", "--type", "server", "--expiring-within", "3650d", "-o", "json");
        Assert.Equal([ids[2]], bySni.OutJson.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Get_prints_every_field_but_pem_bodies_and_json_as_the_api_sent_it()
    {
        var leaf = TestPki.CreateRoot("Get Root").Issue("get.list-cli.test");
        var id = await CreateAsync(leaf, "get");

        var table = await _cli.RunAsync("ssl", "get", id);
        Assert.True(table.ExitCode == 0, table.ToString());
        foreach (var field in new[] { "id", "type", "snis", "subject", "issuer", "serial_number", "not_before", "not_after",
                     "fingerprint_sha256", "key_algorithm", "peer_authentication", "status", "labels", "fallback", "warnings",
                     "created_at", "updated_at", "revision", "certificate", "ca_certificate" })
            Assert.Matches($"(?m)^{field}:", table.Out);
        Assert.Contains(leaf.FingerprintSha256, table.Out);
        Assert.Matches(@"(?m)^certificate:\s+1 certificate$", table.Out);
        Assert.DoesNotContain("-----BEGIN", table.Out);

        var json = await _cli.RunAsync("ssl", "get", id, "-o", "json");
        Assert.Equal(id, json.OutJson.GetProperty("id").GetString());
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", json.OutJson.GetProperty("certificate").GetString());

        var missing = await _cli.RunAsync("ssl", "get", "01aaaaaaaaaaaaaaaaaaaaaaaa");
        Assert.Equal(3, missing.ExitCode);
        Assert.StartsWith("error: not_found: ", missing.Error);
    }

    public void Dispose() => _cli.Dispose();
}
