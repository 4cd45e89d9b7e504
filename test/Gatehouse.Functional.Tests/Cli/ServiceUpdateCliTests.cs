using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gatehouse.Functional.Tests.Cli;

[Collection(CliCollection.Name)]
public sealed class ServiceUpdateCliTests(GatehouseFixture fixture) : IDisposable
{
    private readonly CliHarness _cli = new(fixture.Process);

    private async Task<JsonElement> CreateAsync(string host)
    {
        var run = await _cli.RunAsync("service", "create", "--name", "before-" + host, "--host", host, "--host", "www." + host,
            "--target", "192.0.2.60:80", "--target", "192.0.2.61:80:3", "--label", "old", "--path-prefix", "/app",
            "--read-timeout-ms", "3000", "-o", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.OutJson;
    }

    [Fact]
    public async Task Only_label_changes_the_labels_and_keeps_hosts_targets_and_the_rest()
    {
        var created = await CreateAsync("labels.update-svc-cli.test");
        var id = created.GetProperty("id").GetString()!;

        var run = await _cli.RunAsync("service", "update", id, "--label", "new", "--label", "two", "-o", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var updated = run.OutJson;
        Assert.Equal(["new", "two"], updated.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        foreach (var field in new[] { "name", "hosts", "path_prefix", "protocols", "upstream", "created_at" })
            Assert.Equal(created.GetProperty(field).ToString(), updated.GetProperty(field).ToString());
        Assert.True(updated.GetProperty("revision").GetInt64() > created.GetProperty("revision").GetInt64());
    }

    [Fact]
    public async Task Target_replaces_every_target_and_nested_flags_keep_their_siblings()
    {
        var created = await CreateAsync("targets.update-svc-cli.test");
        var id = created.GetProperty("id").GetString()!;

        var run = await _cli.RunAsync("service", "update", id, "--target", "192.0.2.62:8080", "--connect-timeout-ms", "700");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"(?m)^upstream\.targets:\s+192\.0\.2\.62:8080$", run.Out);
        Assert.Matches(@"(?m)^upstream\.timeouts:\s+connect 700 ms, read 3000 ms$", run.Out);
        Assert.Matches(@"(?m)^hosts:\s+targets\.update-svc-cli\.test, www\.targets\.update-svc-cli\.test$", run.Out);
        Assert.Matches(@"(?m)^labels:\s+old$", run.Out);
    }

    [Fact]
    public async Task Dry_run_shows_the_would_be_service_and_stores_nothing()
    {
        var created = await CreateAsync("dry.update-svc-cli.test");
        var id = created.GetProperty("id").GetString()!;

        var run = await _cli.RunAsync("service", "update", id, "--host", "other.dry.update-svc-cli.test", "--dry-run");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("dry run: nothing was stored.", run.Out);
        Assert.Matches(@"(?m)^hosts:\s+other\.dry\.update-svc-cli\.test$", run.Out);
        var stored = await _cli.RunAsync("service", "get", id, "-o", "json");
        Assert.Equal(created.GetProperty("revision").GetInt64(), stored.OutJson.GetProperty("revision").GetInt64());
        Assert.Equal(2, stored.OutJson.GetProperty("hosts").GetArrayLength());
    }

    [Fact]
    public async Task Update_puts_only_writable_fields_merged_with_if_match_from_the_get_etag()
    {
        var stored = JsonNode.Parse("""
            {"id": "01aaaaaaaaaaaaaaaaaaaaaaaa", "name": "svc", "hosts": ["a.test"], "path_prefix": "/", "protocols": ["https"],
             "labels": ["x"], "upstream": {"scheme": "https", "targets": [{"host": "192.0.2.1", "port": 443, "weight": 1}],
             "pass_host": "pass", "host": null, "client_ssl_id": "01bbbbbbbbbbbbbbbbbbbbbbbb", "ca_certificate": "CA-PEM",
             "sni": "up.test", "tls_verify": true, "timeouts": {"connect_ms": 5000, "read_ms": 60000}},
             "tls_coverage": [], "warnings": [], "created_at": "2025-01-01T00:00:00Z", "updated_at": "2025-01-01T00:00:00Z", "revision": 9}
            """)!;
        using var api = new RecordingApi(stored.ToJsonString(), "\"9\"");

        var run = await _cli.RunRawAsync("service", "update", "01aaaaaaaaaaaaaaaaaaaaaaaa", "--no-sni", "--no-client-ssl", "--read-timeout-ms", "10",
            "--protocol", "http", "--protocol", "https", "--dry-run", "--server", api.Uri.ToString(), "--token-file", _cli.TokenFile);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["GET", "PUT"], api.Requests.Select(r => r.Method));
        var put = api.Requests[1];
        Assert.Equal("/api/v1/services/01aaaaaaaaaaaaaaaaaaaaaaaa?dry_run=true", put.Url);
        Assert.Equal("\"9\"", put.IfMatch);
        var body = JsonNode.Parse(put.Body)!.AsObject();
        Assert.Equal(["hosts", "labels", "name", "path_prefix", "protocols", "upstream"], body.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("""["http","https"]""", body["protocols"]!.ToJsonString());
        var upstream = body["upstream"]!;
        Assert.Null(upstream["sni"]);
        Assert.Null(upstream["client_ssl_id"]);
        Assert.Equal("CA-PEM", upstream["ca_certificate"]!.GetValue<string>());
        Assert.Equal("""{"connect_ms":5000,"read_ms":10}""", upstream["timeouts"]!.ToJsonString());
        Assert.Equal(stored["upstream"]!["targets"]!.ToJsonString(), upstream["targets"]!.ToJsonString());
    }

    public void Dispose() => _cli.Dispose();
}
