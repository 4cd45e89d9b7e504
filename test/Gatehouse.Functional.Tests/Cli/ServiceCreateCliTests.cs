using System.Text.Json;
using Gatehouse.Testing.Pki;

namespace Gatehouse.Functional.Tests.Cli;

[Collection(CliCollection.Name)]
public sealed class ServiceCreateCliTests(GatehouseFixture fixture) : IDisposable
{
    private readonly CliHarness _cli = new(fixture.Process);

    [Fact]
    public async Task Create_with_flags_prints_the_fields_and_a_coverage_row_per_host()
    {
        var (cert, key) = _cli.Write(TestPki.CreateRoot().Issue("shop.create-svc-cli.test"), "shop");
        var ssl = await _cli.RunAsync("ssl", "create", "--cert", cert, "--key", key, "-o", "json");
        var sslId = ssl.OutJson.GetProperty("id").GetString()!;

        var run = await _cli.RunAsync("service", "create", "--name", "shop", "--host", "shop.create-svc-cli.test",
            "--host", "api.create-svc-cli.test", "--target", "192.0.2.10:8080", "--target", "192.0.2.11:8081:5",
            "--path-prefix", "/api", "--protocol", "https", "--label", "blue", "--connect-timeout-ms", "1500");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.Error);
        Assert.Matches(@"(?m)^id:\s+[0-9a-z]{26}$", run.Out);
        Assert.Matches(@"(?m)^name:\s+shop$", run.Out);
        Assert.Matches(@"(?m)^hosts:\s+shop\.create-svc-cli\.test, api\.create-svc-cli\.test$", run.Out);
        Assert.Matches(@"(?m)^path_prefix:\s+/api$", run.Out);
        Assert.Matches(@"(?m)^protocols:\s+https$", run.Out);
        Assert.Matches(@"(?m)^labels:\s+blue$", run.Out);
        Assert.Matches(@"(?m)^upstream\.targets:\s+192\.0\.2\.10:8080, 192\.0\.2\.11:8081:5$", run.Out);
        Assert.Matches(@"(?m)^upstream\.timeouts:\s+connect 1500 ms, read 60000 ms$", run.Out);
        Assert.Matches(@"(?m)^HOST\s+SSL\s+STEP\s+PEER AUTH\s+WARNINGS$", run.Out);
        Assert.Matches($@"(?m)^shop\.create-svc-cli\.test\s+{sslId}\s+exact\s+no\s+-$", run.Out);
        Assert.Matches(@"(?m)^api\.create-svc-cli\.test\s+-\s+none\s+no\s+No SSL object covers this host", run.Out);
    }

    [Fact]
    public async Task Create_from_a_file_sends_the_body_as_written_and_dry_run_stores_nothing()
    {
        var file = Path.Combine(_cli.Directory, "service.json");
        File.WriteAllText(file, """
            {"name": "from file", "hosts": ["file.create-svc-cli.test"], "protocols": ["http"],
             "upstream": {"targets": [{"host": "192.0.2.20", "port": 9000, "weight": 0}], "timeouts": {"read_ms": 2000}}}
            """);

        var dryRun = await _cli.RunAsync("service", "create", "--file", file, "--dry-run", "-o", "json");
        Assert.True(dryRun.ExitCode == 0, dryRun.ToString());
        Assert.True(dryRun.OutJson.GetProperty("dry_run").GetBoolean());
        Assert.Equal("from file", dryRun.OutJson.GetProperty("service").GetProperty("name").GetString());
        var none = await _cli.RunAsync("service", "list", "--host", "file.create-svc-cli.test", "-o", "json");
        Assert.Equal(0, none.OutJson.GetProperty("items").GetArrayLength());

        var run = await _cli.RunAsync("service", "create", "--file", file, "-o", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var created = run.OutJson;
        Assert.Equal(["http"], created.GetProperty("protocols").EnumerateArray().Select(p => p.GetString()));
        var target = created.GetProperty("upstream").GetProperty("targets")[0];
        Assert.Equal(0, target.GetProperty("weight").GetInt32());
        Assert.Equal(2000, created.GetProperty("upstream").GetProperty("timeouts").GetProperty("read_ms").GetInt32());
        Assert.Equal(JsonValueKind.Array, created.GetProperty("tls_coverage").ValueKind);

        var table = await _cli.RunAsync("service", "list", "--host", "file.create-svc-cli.test");
        Assert.Matches($@"(?m)^{created.GetProperty("id").GetString()}\s+from file\s+file\.create-svc-cli\.test\s+/\s+http\s+192\.0\.2\.20:9000:0\s+http only$", table.Out);
    }

    [Fact]
    public async Task File_with_flags_missing_required_flags_and_a_bad_file_are_usage_errors()
    {
        var file = Path.Combine(_cli.Directory, "body.json");
        File.WriteAllText(file, """{"name": "x"}""");
        var both = await _cli.RunAsync("service", "create", "--file", file, "--name", "other");
        Assert.Equal(2, both.ExitCode);
        Assert.StartsWith("error: usage: --file", both.Error);

        var missing = await _cli.RunAsync("service", "create", "--name", "x", "--host", "missing.create-svc-cli.test");
        Assert.Equal(2, missing.ExitCode);
        Assert.StartsWith("error: usage: --target required", missing.Error);

        var notJson = Path.Combine(_cli.Directory, "not.json");
        File.WriteAllText(notJson, "name: x");
        var bad = await _cli.RunAsync("service", "create", "--file", notJson, "-o", "json");
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal("usage", bad.ErrorJson.GetProperty("error").GetProperty("code").GetString());
        Assert.DoesNotContain("name: x", bad.Error);
    }

    public void Dispose() => _cli.Dispose();
}
