using System.Text.Json;
using Gatehouse.Testing.Pki;

namespace Gatehouse.Functional.Tests.Cli;

[Collection(CliCollection.Name)]
public sealed class ServiceReadCliTests(GatehouseFixture fixture) : IDisposable
{
    private readonly CliHarness _cli = new(fixture.Process);

    private async Task<string> CreateAsync(params string[] args)
    {
        var run = await _cli.RunAsync(["service", "create", .. args, "-o", "json"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.OutJson.GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task List_prints_a_table_with_coverage_and_json_and_follows_next_cursor_with_all()
    {
        var (cert, key) = _cli.Write(TestPki.CreateRoot().Issue("*.list-svc-cli.test"), "wild");
        Assert.Equal(0, (await _cli.RunAsync("ssl", "create", "--cert", cert, "--key", key)).ExitCode);
        var covered = await CreateAsync("--name", "covered", "--host", "a.list-svc-cli.test", "--host", "b.list-svc-cli.test",
            "--target", "192.0.2.30:80", "--label", "list-svc");
        var uncovered = await CreateAsync("--name", "uncovered", "--host", "a.list-svc-cli.test", "--host", "list-svc-cli-other.test",
            "--path-prefix", "/v2", "--target", "192.0.2.31:80", "--target", "192.0.2.32:81");

        var table = await _cli.RunAsync("service", "list", "--all");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Matches(@"^ID\s+NAME\s+HOSTS\s+PREFIX\s+PROTOCOLS\s+TARGETS\s+COVERAGE\n", table.Out.ReplaceLineEndings("\n"));
        Assert.Matches($@"(?m)^{covered}\s+covered\s+a\.list-svc-cli\.test, b\.list-svc-cli\.test\s+/\s+http, https\s+192\.0\.2\.30:80\s+2/2 covered$", table.Out);
        Assert.Matches($@"(?m)^{uncovered}\s+uncovered\s+a\.list-svc-cli\.test, list-svc-cli-other\.test\s+/v2\s+http, https\s+192\.0\.2\.31:80, 192\.0\.2\.32:81\s+! 1/2 covered$", table.Out);

        var byHost = await _cli.RunAsync("service", "list", "--host", "A.list-svc-cli.test", "--page-size", "1", "-o", "json");
        Assert.True(byHost.ExitCode == 0, byHost.ToString());
        Assert.Equal([covered, uncovered], byHost.OutJson.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.Equal(JsonValueKind.Null, byHost.OutJson.GetProperty("next_cursor").ValueKind);

        var byHostAll = await _cli.RunAsync("service", "list", "--host", "a.list-svc-cli.test", "--all", "--limit", "1", "-o", "json");
        Assert.Equal([covered, uncovered], byHostAll.OutJson.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));

        var one = await _cli.RunAsync("service", "list", "--host", "a.list-svc-cli.test", "--limit", "1", "-o", "json");
        Assert.Equal(1, one.OutJson.GetProperty("items").GetArrayLength());
        Assert.Equal(covered, one.OutJson.GetProperty("next_cursor").GetString());
        var page = await _cli.RunAsync("service", "list", "--host", "a.list-svc-cli.test", "--limit", "1");
        Assert.Equal($"(more: --cursor {covered} for the next page, --all for every page)", page.Error.Trim());
        Assert.DoesNotContain("more:", page.Out);
        var second = await _cli.RunAsync("service", "list", "--host", "a.list-svc-cli.test", "--limit", "1", "--cursor", covered, "-o", "json");
        Assert.Equal(uncovered, second.OutJson.GetProperty("items")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Get_prints_fields_a_coverage_table_and_the_upstream_ca_without_its_pem()
    {
        var (cert, key) = _cli.Write(TestPki.CreateRoot().Issue("tls.get-svc-cli.test"), "tls");
        var sslId = (await _cli.RunAsync("ssl", "create", "--cert", cert, "--key", key, "-o", "json")).OutJson.GetProperty("id").GetString()!;
        var ca = _cli.WriteCa(TestPki.CreateRoot("Get Upstream CA"), "upstream-ca");
        var id = await CreateAsync("--name", "secure", "--host", "tls.get-svc-cli.test", "--host", "bare.get-svc-cli.test",
            "--protocol", "https", "--target", "[2001:db8::5]:8443", "--scheme", "https", "--upstream-ca", ca, "--sni", "backend.internal",
            "--pass-host", "rewrite", "--upstream-host", "backend.internal");

        var table = await _cli.RunAsync("service", "get", id);

        Assert.True(table.ExitCode == 0, table.ToString());
        foreach (var field in new[] { "id", "name", "hosts", "path_prefix", "protocols", "labels", "upstream.scheme", "upstream.targets",
                     "upstream.pass_host", "upstream.host", "upstream.client_ssl_id", "upstream.ca_certificate", "upstream.sni",
                     "upstream.tls_verify", "upstream.timeouts", "warnings", "created_at", "updated_at", "revision" })
            Assert.Matches($"(?m)^{field.Replace(".", @"\.")}:", table.Out);
        Assert.Matches(@"(?m)^upstream\.targets:\s+\[2001:db8::5\]:8443$", table.Out);
        Assert.Matches(@"(?m)^upstream\.ca_certificate:\s+CN=Get Upstream CA \(sha256 [0-9a-f]{64}\)$", table.Out);
        Assert.Matches(@"(?m)^upstream\.client_ssl_id:\s+-$", table.Out);
        Assert.DoesNotContain("-----BEGIN", table.Out);
        Assert.Matches($@"(?m)^tls\.get-svc-cli\.test\s+{sslId}\s+exact\s+no\s+-$", table.Out);
        Assert.Matches(@"(?m)^bare\.get-svc-cli\.test\s+-\s+none\s+no\s+No SSL object covers this host", table.Out);

        var json = await _cli.RunAsync("service", "get", id, "-o", "json");
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", json.OutJson.GetProperty("upstream").GetProperty("ca_certificate").GetString());
        Assert.Equal(2, json.OutJson.GetProperty("tls_coverage").GetArrayLength());

        var missing = await _cli.RunAsync("service", "get", "01aaaaaaaaaaaaaaaaaaaaaaaa");
        Assert.Equal(3, missing.ExitCode);
        Assert.StartsWith("error: not_found: ", missing.Error);
    }

    public void Dispose() => _cli.Dispose();
}
