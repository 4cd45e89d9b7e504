using System.Text.Json;

namespace Gatehouse.Functional.Tests.Cli;

/// <summary><c>gatehouse acme issuer …</c> and the managed-object side of <c>gatehouse ssl …</c> against a running gatehouse (no CA).</summary>
[Collection(CliCollection.Name)]
public sealed class AcmeCliTests(GatehouseFixture fixture) : IDisposable
{
    // A distinctive MAC key: no run may print it.
    private const string MacKey = "Y2xpLWVhYi1tYWMta2V5LW5ldmVyLXByaW50ZWQtMDEyMzQ1Njc4OQ";
    private readonly CliHarness _cli = new(fixture.Process);
    private readonly List<CliRun> _runs = [];

    public void Dispose()
    {
        foreach (var run in _runs)
        {
            Assert.DoesNotContain(MacKey, run.Out);
            Assert.DoesNotContain(MacKey, run.Error);
        }
        _cli.Dispose();
    }

    private async Task<CliRun> RunAsync(params string[] args)
    {
        var run = await _cli.RunAsync(args);
        _runs.Add(run);
        return run;
    }

    private async Task<string> CreateIssuerAsync()
    {
        var macFile = Path.Combine(_cli.Directory, "eab.key");
        await File.WriteAllTextAsync(macFile, MacKey + "\n");
        var created = await RunAsync("acme", "issuer", "create", "--directory-url", "https://acme.invalid/dir", "--contact", "mailto:ops@cli.test",
            "--eab-kid", "kid-cli", "--eab-hmac-key-file", macFile, "-o", "json");
        Assert.True(created.ExitCode == 0, created.ToString());
        return created.OutJson.GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Issuers_are_created_listed_shown_updated_and_deleted_without_ever_printing_the_MAC_key()
    {
        var id = await CreateIssuerAsync();

        var list = await RunAsync("acme", "issuer", "list");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Matches($@"(?m)^{id}\s+https://acme\.invalid/dir\s+ec-p256\s+kid-cli\s+not yet$", list.Out);

        var get = await RunAsync("acme", "issuer", "get", id);
        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.Matches(@"(?m)^directory_url:\s+https://acme\.invalid/dir$", get.Out);
        Assert.Matches(@"(?m)^contact:\s+mailto:ops@cli\.test$", get.Out);
        Assert.Contains("kid-cli", get.Out);

        // Only the given flags change; the stored binding is kept.
        var updated = await RunAsync("acme", "issuer", "update", id, "--key-type", "rsa-2048");
        Assert.True(updated.ExitCode == 0, updated.ToString());
        Assert.Matches(@"(?m)^key_type:\s+rsa-2048$", updated.Out);
        Assert.Matches(@"(?m)^directory_url:\s+https://acme\.invalid/dir$", updated.Out);
        Assert.Contains("kid-cli", updated.Out);
        var noEab = await RunAsync("acme", "issuer", "update", id, "--no-eab", "-o", "json");
        Assert.True(noEab.ExitCode == 0, noEab.ToString());
        Assert.Equal(JsonValueKind.Null, noEab.OutJson.GetProperty("eab").ValueKind);

        // Refusals: the API's (exit 3, with the code), and usage errors (exit 2) before any request.
        var refused = await RunAsync("acme", "issuer", "create", "--directory-url", "http://acme.invalid/dir");
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("invalid_parameter", refused.Error);
        var halfEab = await RunAsync("acme", "issuer", "create", "--directory-url", "https://acme.invalid/dir", "--eab-kid", "k");
        Assert.Equal(2, halfEab.ExitCode);
        Assert.Contains("--eab-hmac-key-file", halfEab.Error);
        var noUrl = await RunAsync("acme", "issuer", "create", "--contact", "mailto:ops@cli.test");
        Assert.Equal(2, noUrl.ExitCode);

        var deleted = await RunAsync("acme", "issuer", "delete", id);
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.Equal($"deleted {id}", deleted.Out.Trim());
        var gone = await RunAsync("acme", "issuer", "get", id);
        Assert.Equal(3, gone.ExitCode);
        Assert.Contains("not_found", gone.Error);
    }

    [Fact]
    public async Task A_managed_object_is_created_listed_shown_with_its_acme_state_renewed_and_refused_detach_before_issuance()
    {
        var issuer = await CreateIssuerAsync();
        var created = await RunAsync("ssl", "create", "--acme-issuer", issuer, "--domain", "one.acme-cli.test", "--domain", "two.acme-cli.test",
            "--challenge", "tls-alpn-01", "--label", "cli");
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Matches(@"(?m)^status:\s+pending$", created.Out);
        Assert.Matches(@"(?m)^acme\.state:\s+pending$", created.Out);
        Assert.Matches(@"(?m)^acme\.domains:\s+one\.acme-cli\.test, two\.acme-cli\.test$", created.Out);
        Assert.Matches(@"(?m)^acme\.challenge:\s+tls-alpn-01$", created.Out);
        Assert.Matches(@"(?m)^acme\.history:\s+-$", created.Out);
        Assert.DoesNotMatch(@"(?m)^acme:", created.Out);
        var id = System.Text.RegularExpressions.Regex.Match(created.Out, @"(?m)^id:\s+(\S+)$").Groups[1].Value;

        var list = await RunAsync("ssl", "list", "--all");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Matches($@"(?m)^{id}\s+-\s+server\s+-\s+-\s+pending\s", list.Out);

        var get = await RunAsync("ssl", "get", id);
        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.Matches($@"(?m)^acme\.issuer:\s+{issuer}$", get.Out);
        Assert.Matches(@"(?m)^acme\.next_attempt_at:\s+\d{4}-", get.Out);

        var renewed = await RunAsync("ssl", "renew", id);
        Assert.True(renewed.ExitCode == 0, renewed.ToString());
        Assert.Matches(@"(?m)^domains:\s+one\.acme-cli\.test, two\.acme-cli\.test$", renewed.Out);
        Assert.Matches(@"(?m)^failures:\s+0$", renewed.Out);

        var detach = await RunAsync("ssl", "detach", id);
        Assert.Equal(3, detach.ExitCode);
        Assert.Contains("not_issued", detach.Error);
        var detachJson = await RunAsync("ssl", "detach", id, "-o", "json");
        Assert.Equal(3, detachJson.ExitCode);
        Assert.Equal("not_issued", detachJson.ErrorJson.GetProperty("error").GetProperty("code").GetString());

        var inUse = await RunAsync("acme", "issuer", "delete", issuer);
        Assert.Equal(3, inUse.ExitCode);
        Assert.Contains("in_use", inUse.Error);

        // Usage errors: a managed object takes no certificate or key; an issuer needs a name; an upload needs both files.
        var withCert = await RunAsync("ssl", "create", "--acme-issuer", issuer, "--domain", "x.acme-cli.test", "--cert", "x.pem");
        Assert.Equal(2, withCert.ExitCode);
        Assert.Contains("--cert", withCert.Error);
        var noDomain = await RunAsync("ssl", "create", "--acme-issuer", issuer);
        Assert.Equal(2, noDomain.ExitCode);
        Assert.Contains("--domain", noDomain.Error);
        var noCert = await RunAsync("ssl", "create");
        Assert.Equal(2, noCert.ExitCode);
        Assert.Contains("--acme-issuer", noCert.Error);
        var wildcard = await RunAsync("ssl", "create", "--acme-issuer", issuer, "--domain", "*.acme-cli.test");
        Assert.Equal(3, wildcard.ExitCode);
        Assert.Contains("invalid_host", wildcard.Error);

        Assert.Equal(0, (await RunAsync("ssl", "delete", id, "--confirm", id)).ExitCode);
        Assert.Equal(3, (await RunAsync("ssl", "get", id)).ExitCode);
        Assert.Equal(0, (await RunAsync("acme", "issuer", "delete", issuer)).ExitCode);
    }
}
