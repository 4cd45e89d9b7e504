using Gatehouse.Testing.Pki;

namespace Gatehouse.Functional.Tests.Cli;

/// <summary><c>--min-tls</c>, <c>--tls12-cipher</c>, <c>--alt-cert</c>/<c>--alt-key</c> and <c>--no-alt</c> (issue 17).</summary>
[Collection(CliCollection.Name)]
public sealed class SslTlsCliTests(GatehouseFixture fixture) : IDisposable
{
    private readonly CliHarness _cli = new(fixture.Process);

    [Fact]
    public async Task Create_with_a_policy_and_an_alt_certificate_then_update_keeps_them_until_told()
    {
        var root = TestPki.CreateRoot("TLS CLI Root");
        var rsa = root.Issue(new CertSpec { DnsNames = ["dual.tls-cli.test"], Key = KeyKind.Rsa2048 });
        var ec = root.Issue(new CertSpec { DnsNames = ["dual.tls-cli.test"], Key = KeyKind.EcP256 });
        var (cert, key) = _cli.Write(rsa, "rsa");
        var (altCert, altKey) = _cli.Write(ec, "ec");

        var created = await _cli.RunAsync("ssl", "create", "--cert", cert, "--key", key, "--alt-cert", altCert, "--alt-key", altKey,
            "--min-tls", "1.3", "--tls12-cipher", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Matches(@"(?m)^min_tls_version:\s+1\.3$", created.Out);
        Assert.Matches(@"(?m)^tls12_cipher_suites:\s+TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384$", created.Out);
        Assert.Matches(@"(?m)^alt_certificate:\s+1 certificate$", created.Out);
        Assert.Matches(@"(?m)^alt_key_algorithm:\s+EC P-256$", created.Out);
        Assert.Matches($"(?m)^alt_fingerprint_sha256:\\s+{ec.FingerprintSha256}$", created.Out);
        Assert.DoesNotContain("-----BEGIN", created.Out);
        var id = System.Text.RegularExpressions.Regex.Match(created.Out, @"(?m)^id:\s+([0-9a-z]{26})$").Groups[1].Value;

        var relabelled = await _cli.RunAsync("ssl", "update", id, "--label", "blue", "-o", "json");
        Assert.True(relabelled.ExitCode == 0, relabelled.ToString());
        Assert.Equal("1.3", relabelled.OutJson.GetProperty("min_tls_version").GetString());
        Assert.Equal(ec.FingerprintSha256, relabelled.OutJson.GetProperty("alt_fingerprint_sha256").GetString());
        Assert.Equal(1, relabelled.OutJson.GetProperty("tls12_cipher_suites").GetArrayLength());

        var changed = await _cli.RunAsync("ssl", "update", id, "--min-tls", "1.2", "--no-alt", "-o", "json");
        Assert.True(changed.ExitCode == 0, changed.ToString());
        Assert.Equal("1.2", changed.OutJson.GetProperty("min_tls_version").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, changed.OutJson.GetProperty("alt_fingerprint_sha256").ValueKind);

        foreach (var output in new[] { created.Out, created.Error, relabelled.Out, changed.Out })
            Assert.All(Api.SslJson.Base64Lines(ec.KeyPem).Concat(Api.SslJson.Base64Lines(rsa.KeyPem)), line => Assert.DoesNotContain(line, output));
    }

    [Fact]
    public async Task Bad_values_are_usage_errors_or_api_refusals()
    {
        var leaf = TestPki.CreateRoot().Issue("bad.tls-cli.test");
        var (cert, key) = _cli.Write(leaf, "bad");
        var version = await _cli.RunAsync("ssl", "create", "--cert", cert, "--key", key, "--min-tls", "1.1");
        Assert.Equal(2, version.ExitCode);
        var suite = await _cli.RunAsync("ssl", "create", "--cert", cert, "--key", key, "--tls12-cipher", "TLS_RSA_WITH_AES_128_CBC_SHA");
        Assert.Equal(3, suite.ExitCode);
        Assert.StartsWith("error: invalid_parameter: ", suite.Error);
        var altKeyInAltCert = await _cli.RunAsync("ssl", "create", "--cert", cert, "--key", key, "--alt-cert", key, "--alt-key", key);
        Assert.Equal(3, altKeyInAltCert.ExitCode);
        Assert.All(Api.SslJson.Base64Lines(leaf.KeyPem), line => Assert.DoesNotContain(line, altKeyInAltCert.Error + altKeyInAltCert.Out));
    }

    public void Dispose() => _cli.Dispose();
}
