using System.Text.Json;
using Gatehouse.Testing.Pki;

namespace Gatehouse.Functional.Tests.Cli;

[Collection(CliCollection.Name)]
public sealed class SslUpdateCliTests(GatehouseFixture fixture) : IDisposable
{
    private readonly CliHarness _cli = new(fixture.Process);

    private async Task<JsonElement> CreateWithCaAsync(TestCert leaf, string name)
    {
        var (cert, key) = _cli.Write(leaf, name);
        var ca = _cli.WriteCa(TestPki.CreateRoot("Update CA " + name), name + "-ca");
        var run = await _cli.RunAsync("ssl", "create", "--cert", cert, "--key", key, "--ca", ca, "--label", "old", "-o", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.OutJson;
    }

    [Fact]
    public async Task Only_label_changes_the_labels_and_keeps_certificate_ca_and_fallback()
    {
        var created = await CreateWithCaAsync(TestPki.CreateRoot().Issue("labels.update-cli.test"), "labels");
        var id = created.GetProperty("id").GetString()!;

        var run = await _cli.RunAsync("ssl", "update", id, "--label", "new", "--label", "two", "-o", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var updated = run.OutJson;
        Assert.Equal(["new", "two"], updated.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(created.GetProperty("certificate").GetString(), updated.GetProperty("certificate").GetString());
        Assert.Equal(created.GetProperty("ca_certificate").GetString(), updated.GetProperty("ca_certificate").GetString());
        Assert.True(updated.GetProperty("peer_authentication").GetBoolean());
        Assert.False(updated.GetProperty("fallback").GetBoolean());
        Assert.True(updated.GetProperty("revision").GetInt64() > created.GetProperty("revision").GetInt64());
    }

    [Fact]
    public async Task No_ca_clears_the_ca_and_keeps_the_labels()
    {
        var created = await CreateWithCaAsync(TestPki.CreateRoot().Issue("noca.update-cli.test"), "noca");
        var id = created.GetProperty("id").GetString()!;

        var run = await _cli.RunAsync("ssl", "update", id, "--no-ca");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"(?m)^ca_certificate:\s+-$", run.Out);
        Assert.Matches(@"(?m)^peer_authentication:\s+no$", run.Out);
        Assert.Matches(@"(?m)^labels:\s+old$", run.Out);
    }

    [Fact]
    public async Task A_new_certificate_with_its_key_replaces_the_old_one_and_dry_run_stores_nothing()
    {
        var root = TestPki.CreateRoot();
        var created = await CreateWithCaAsync(root.Issue("renew.update-cli.test"), "renew");
        var id = created.GetProperty("id").GetString()!;
        var renewed = root.Issue("renew.update-cli.test", "www.renew.update-cli.test");
        var (cert, key) = _cli.Write(renewed, "renewed");

        var dryRun = await _cli.RunAsync("ssl", "update", id, "--cert", cert, "--key", key, "--dry-run", "-o", "json");
        Assert.True(dryRun.ExitCode == 0, dryRun.ToString());
        Assert.True(dryRun.OutJson.GetProperty("dry_run").GetBoolean());
        var unchanged = await _cli.RunAsync("ssl", "get", id, "-o", "json");
        Assert.Equal(created.GetProperty("revision").GetInt64(), unchanged.OutJson.GetProperty("revision").GetInt64());

        var run = await _cli.RunAsync("ssl", "update", id, "--cert", cert, "--key", key, "-o", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(renewed.FingerprintSha256, run.OutJson.GetProperty("fingerprint_sha256").GetString());
        Assert.True(run.OutJson.GetProperty("peer_authentication").GetBoolean());

        // A new certificate without its key is refused by the API: exit 3.
        var (otherCert, _) = _cli.Write(root.Issue("renew.update-cli.test"), "other");
        var refused = await _cli.RunAsync("ssl", "update", id, "--cert", otherCert);
        Assert.Equal(3, refused.ExitCode);
        Assert.StartsWith("error: missing_field: ", refused.Error);
    }

    [Fact]
    public async Task Ca_and_no_ca_together_are_a_usage_error()
    {
        var run = await _cli.RunAsync("ssl", "update", "01aaaaaaaaaaaaaaaaaaaaaaaa", "--ca", "x.pem", "--no-ca");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: usage: ", run.Error);
    }

    [Fact]
    public async Task Update_puts_the_merged_fields_with_if_match_from_the_get_etag()
    {
        var stored = new System.Text.Json.Nodes.JsonObject
        {
            ["id"] = "01aaaaaaaaaaaaaaaaaaaaaaaa", ["type"] = "client", ["certificate"] = "CERT-PEM", ["ca_certificate"] = "CA-PEM",
            ["labels"] = new System.Text.Json.Nodes.JsonArray("a"), ["fallback"] = false, ["snis"] = new System.Text.Json.Nodes.JsonArray(), ["revision"] = 7,
        };
        using var api = new RecordingApi(stored.ToJsonString(), "\"7\"");

        var run = await _cli.RunRawAsync("ssl", "update", "01aaaaaaaaaaaaaaaaaaaaaaaa", "--fallback", "--force",
            "--server", api.Uri.ToString(), "--token-file", _cli.TokenFile);

        Assert.True(run.ExitCode == 0, run.ToString());
        var put = Assert.Single(api.Requests, r => r.Method == "PUT");
        Assert.Equal("/api/v1/ssls/01aaaaaaaaaaaaaaaaaaaaaaaa?force=true", put.Url);
        Assert.Equal("\"7\"", put.IfMatch);
        var body = JsonDocument.Parse(put.Body).RootElement;
        Assert.Equal(["ca_certificate", "certificate", "fallback", "labels", "type"],
            body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("CERT-PEM", body.GetProperty("certificate").GetString());
        Assert.Equal("CA-PEM", body.GetProperty("ca_certificate").GetString());
        Assert.Equal("client", body.GetProperty("type").GetString());
        Assert.True(body.GetProperty("fallback").GetBoolean());
        Assert.Equal("a", body.GetProperty("labels")[0].GetString());
    }

    public void Dispose() => _cli.Dispose();
}
