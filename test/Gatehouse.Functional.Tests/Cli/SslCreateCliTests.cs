using System.Text.Json;
using Gatehouse.Testing.Pki;

namespace Gatehouse.Functional.Tests.Cli;

[Collection(CliCollection.Name)]
public sealed class SslCreateCliTests(GatehouseFixture fixture) : IDisposable
{
    private readonly CliHarness _cli = new(fixture.Process);

    [Fact]
    public async Task Create_from_files_with_ca_and_labels_prints_the_object_without_pem_bodies()
    {
        var root = TestPki.CreateRoot("Create Root");
        var (cert, key) = _cli.Write(root.Issue("shop.create-cli.test"), "shop");
        var ca = _cli.WriteCa(TestPki.CreateRoot("Create Client CA"), "client-ca");

        var run = await _cli.RunAsync("ssl", "create", "--cert", cert, "--key", key, "--ca", ca, "--label", "blue", "--label", "eu");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"(?m)^id:\s+[0-9a-z]{26}$", run.Out);
        Assert.Matches(@"(?m)^snis:\s+shop\.create-cli\.test$", run.Out);
        Assert.Matches(@"(?m)^labels:\s+blue, eu$", run.Out);
        Assert.Matches(@"(?m)^peer_authentication:\s+yes$", run.Out);
        Assert.Matches(@"(?m)^subject:\s+CN=shop\.create-cli\.test$", run.Out);
        Assert.Matches(@"(?m)^issuer:\s+CN=Create Root$", run.Out);
        Assert.Matches(@"(?m)^ca_certificate:\s+CN=Create Client CA \(sha256 [0-9a-f]{64}\)$", run.Out);
        Assert.DoesNotContain("-----BEGIN", run.Out);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task Create_with_output_json_prints_the_api_object()
    {
        var leaf = TestPki.CreateRoot().Issue(new CertSpec { CommonName = "c", DnsNames = ["client.create-cli.test"], ExtendedKeyUsages = [Oids.ClientAuth] });
        var (cert, key) = _cli.Write(leaf, "client");

        var run = await _cli.RunAsync("ssl", "create", "--cert", cert, "--key", key, "--type", "client", "--output", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var created = run.OutJson;
        Assert.Equal("client", created.GetProperty("type").GetString());
        Assert.Equal(leaf.FingerprintSha256, created.GetProperty("fingerprint_sha256").GetString());
        Assert.Equal(JsonValueKind.Array, created.GetProperty("labels").ValueKind);
        Assert.False(created.TryGetProperty("private_key", out _));
    }

    [Fact]
    public async Task A_validation_error_exits_3_with_every_code_on_stderr_and_never_the_key()
    {
        var root = TestPki.CreateRoot();
        var (cert, _) = _cli.Write(root.Issue("mismatch.create-cli.test"), "a");
        var (_, otherKey) = _cli.Write(root.Issue("other.create-cli.test"), "b");

        var table = await _cli.RunAsync("ssl", "create", "--cert", cert, "--key", otherKey);
        Assert.Equal(3, table.ExitCode);
        Assert.StartsWith("error: key_mismatch: ", table.Error);
        Assert.Matches(@"(?m)^  private_key: key_mismatch: ", table.Error);
        Assert.Equal("", table.Out);

        // The key pasted as the certificate is refused without being echoed (checked by the harness on every run).
        var json = await _cli.RunAsync("ssl", "create", "--cert", otherKey, "--key", otherKey, "-o", "json");
        Assert.Equal(3, json.ExitCode);
        var error = json.ErrorJson.GetProperty("error");
        Assert.Equal("invalid_certificate", error.GetProperty("code").GetString());
        Assert.True(error.GetProperty("details").GetArrayLength() >= 1);
    }

    public void Dispose() => _cli.Dispose();
}
