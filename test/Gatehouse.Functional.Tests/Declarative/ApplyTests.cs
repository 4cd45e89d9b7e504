using System.Text.Json;
using Gatehouse.Functional.Tests.Api;
using Gatehouse.Testing.Pki;
using Gatehouse.Testing.Process;
using Gatehouse.Testing.Tls;

namespace Gatehouse.Functional.Tests.Declarative;

/// <summary>
/// Configuration as files (DESIGN.md §13) end to end: <c>gatehouse export</c>, <c>diff -f</c> and <c>apply -f</c> against real
/// <c>gatehouse up</c> processes, with TLS checked by real handshakes. Every run asserts that no line of any private key
/// appears on stdout, stderr or in the server's log.
/// </summary>
public sealed class ApplyTests
{
    private static readonly TestCert Root = TestPki.CreateRoot("Apply Root");
    private static readonly TestCert ClientCa = TestPki.CreateRoot("Apply Client CA");

    private static TestCert Client(string name) =>
        TestPki.SelfSigned(new CertSpec { CommonName = name, DnsNames = null, ExtendedKeyUsages = [Oids.ClientAuth] });

    [Fact]
    public async Task Export_apply_on_an_empty_store_and_export_again_give_the_same_document_and_a_second_apply_writes_nothing()
    {
        await using var source = await GatehouseProcess.StartAsync();
        await using var target = await GatehouseProcess.StartAsync();
        var shop = Root.Issue("shop.rt.test", "*.cdn.rt.test");
        var client = Client("rt-client");
        var document = new ConfigDocument()
            .Ssl("rt-shop", shop, ca: ClientCa.CertPem, edit: s => s["labels"] = new System.Text.Json.Nodes.JsonArray("web", "team=shop"))
            .Ssl("rt-client", client, type: "client")
            .Service("rt-web", ["shop.rt.test"], ["https"], clientSsl: "rt-client")
            .Service("rt-plain", ["plain.rt.test"], ["http"]);
        using var fromSource = new DeclarativeRun(source, document.KeyLines);
        using var toTarget = new DeclarativeRun(target, document.KeyLines);
        var applied = await fromSource.RunAsync("apply", "-f", document.WriteTo(fromSource.Directory));
        Assert.True(applied.ExitCode == 0, applied.ToString());

        var exported = await fromSource.RunAsync("export");
        Assert.True(exported.ExitCode == 0, exported.ToString());
        Assert.DoesNotContain("PRIVATE KEY", exported.Out, StringComparison.Ordinal);
        foreach (var field in new[] { "id:", "revision", "created_at", "not_after", "fingerprint", "snis" })
            Assert.DoesNotContain(field, exported.Out, StringComparison.Ordinal);
        Assert.Contains("client_ssl: rt-client", exported.Out, StringComparison.Ordinal);
        // The export names keys/NAME.key; the operator provides them beside the file.
        var file = Path.Combine(toTarget.Directory, "exported.yaml");
        File.WriteAllText(file, exported.Out);
        System.IO.Directory.CreateDirectory(Path.Combine(toTarget.Directory, "keys"));
        File.WriteAllText(Path.Combine(toTarget.Directory, "keys", "rt-shop.key"), shop.KeyPem);
        File.WriteAllText(Path.Combine(toTarget.Directory, "keys", "rt-client.key"), client.KeyPem);

        var diff = await toTarget.RunAsync("diff", "-f", file);
        Assert.True(diff.ExitCode == 1, diff.ToString());
        Assert.Contains("ssl rt-shop: would be created", diff.Out, StringComparison.Ordinal);
        Assert.Equal(0, await toTarget.RevisionAsync());

        var apply = await toTarget.RunAsync("apply", "-f", file);
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Contains("service rt-web: created", apply.Out, StringComparison.Ordinal);
        var again = await toTarget.RunAsync("export");
        Assert.Equal(exported.Out, again.Out);
        var json = (await fromSource.RunAsync("export", "-o", "json")).Out;
        Assert.Equal(json, (await toTarget.RunAsync("export", "-o", "json")).Out);

        var revision = await toTarget.RevisionAsync();
        var twice = await toTarget.RunAsync("apply", "-f", file, "-o", "json");
        Assert.True(twice.ExitCode == 0, twice.ToString());
        Assert.False(twice.OutJson.GetProperty("changed").GetBoolean());
        Assert.Equal(0, twice.OutJson.GetProperty("commits").GetInt32());
        Assert.Equal(revision, await toTarget.RevisionAsync());
        var unchanged = await toTarget.RunAsync("diff", "-f", file);
        Assert.True(unchanged.ExitCode == 0, unchanged.ToString());

        // A changed label is a field-level change, and diff exits 1 again.
        File.WriteAllText(file, exported.Out.Replace("- team=shop", "- team=store", StringComparison.Ordinal));
        var changed = await toTarget.RunAsync("diff", "-f", file);
        Assert.True(changed.ExitCode == 1, changed.ToString());
        Assert.Contains("ssl rt-shop: would change (labels)", changed.Out, StringComparison.Ordinal);
        Assert.Equal(2, (await toTarget.RunAsync("diff", "-f", Path.Combine(toTarget.Directory, "missing.yaml"))).ExitCode);
    }

    [Fact]
    public async Task A_bad_object_among_50_is_reported_by_name_with_every_other_error_and_nothing_is_stored()
    {
        await using var gatehouse = await GatehouseProcess.StartAsync();
        var document = new ConfigDocument();
        var other = Root.Issue("other.bad.test");
        for (var i = 0; i < 50; i++)
        {
            var cert = Root.Issue($"o{i}.bad.test");
            if (i == 27)
            {
                // The key of another certificate: key_mismatch, and the same key pasted into another object's CA field;
                // neither comes back in any output.
                document.Ssl($"bad-{i}", cert, keyPem: other.KeyPem);
            }
            else if (i == 13)
            {
                document.Ssl($"bad-{i}", cert, edit: s => s["ca_certificate"] = other.KeyPem);
            }
            else
            {
                document.Ssl($"ok-{i}", cert);
            }
        }
        document.Service("bad-port", ["o1.bad.test"], port: 70000);
        using var run = new DeclarativeRun(gatehouse, document.KeyLines);
        var before = await run.RevisionAsync();

        var apply = await run.RunAsync("apply", "-f", document.WriteTo(run.Directory), "-o", "json");

        Assert.True(apply.ExitCode == 3, apply.ToString());
        var details = apply.ErrorJson.Details();
        Assert.Contains(("ssls[bad-27].private_key", "key_mismatch"), details);
        Assert.Contains(details, d => d.Field == "ssls[bad-13].ca_certificate");
        Assert.Contains(("services[bad-port].upstream.targets[0].port", "invalid_target"), details);
        Assert.DoesNotContain(details, d => d.Field?.StartsWith("ssls[ok-", StringComparison.Ordinal) == true);
        Assert.Equal(before, await run.RevisionAsync());
        using var admin = gatehouse.AdminClient();
        var (_, page, _) = await admin.SendAsync(HttpMethod.Get, "/api/v1/ssls");
        Assert.Equal(0, page.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_prune_that_would_uncover_an_https_host_stops_with_would_uncover_unless_forced()
    {
        await using var gatehouse = await GatehouseProcess.StartAsync();
        var covering = Root.Issue("prune.test");
        var full = new ConfigDocument().Ssl("prune-cert", covering).Service("prune-web", ["prune.test"]);
        var withoutCert = new ConfigDocument().Service("prune-web", ["prune.test"]);
        using var run = new DeclarativeRun(gatehouse, full.KeyLines);
        Assert.Equal(0, (await run.RunAsync("apply", "-f", full.WriteTo(run.Directory))).ExitCode);
        var partial = Path.Combine(run.Directory, "partial");
        var revision = await run.RevisionAsync();

        var refused = await run.RunAsync("apply", "-f", withoutCert.WriteTo(partial), "--prune");
        Assert.True(refused.ExitCode == 3, refused.ToString());
        Assert.Contains("error: would_uncover: ", refused.Error, StringComparison.Ordinal);
        Assert.Contains("prune.test", refused.Error, StringComparison.Ordinal);
        Assert.Equal(revision, await run.RevisionAsync());
        Assert.Equal(covering.FingerprintSha256, await Eventually.ValueAsync(() => TlsProbe.ServedFingerprintAsync(gatehouse.HttpsPort, "prune.test"),
            TimeSpan.FromSeconds(10), f => f == covering.FingerprintSha256));

        var diff = await run.RunAsync("diff", "-f", Path.Combine(partial, "gatehouse.yaml"), "--prune");
        Assert.True(diff.ExitCode == 1, diff.ToString());
        Assert.Contains("ssl prune-cert: would be deleted", diff.Out, StringComparison.Ordinal);
        Assert.Contains("would_uncover", diff.Out, StringComparison.Ordinal);

        var forced = await run.RunAsync("apply", "-f", Path.Combine(partial, "gatehouse.yaml"), "--prune", "--force");
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Contains("ssl prune-cert: deleted", forced.Out, StringComparison.Ordinal);
        var refusedNow = await Eventually.ValueAsync(async () => (await TlsProbe.ProbeAsync(gatehouse.HttpsPort, "prune.test")).IsRefused ? "refused" : null,
            TimeSpan.FromSeconds(10));
        Assert.Equal("refused", refusedNow);
    }

    [Fact]
    public async Task Swapping_two_certificates_between_names_passes_the_guards_that_each_half_would_trip()
    {
        await using var gatehouse = await GatehouseProcess.StartAsync();
        var a = Root.Issue("a.swap.test");
        var b = Root.Issue("b.swap.test");
        var before = new ConfigDocument().Ssl("blue", a, ca: ClientCa.CertPem).Ssl("green", b).Service("swap-web", ["a.swap.test"]);
        var swapped = new ConfigDocument().Ssl("blue", b).Ssl("green", a, ca: ClientCa.CertPem).Service("swap-web", ["a.swap.test"]);
        using var run = new DeclarativeRun(gatehouse, before.KeyLines);
        Assert.Equal(0, (await run.RunAsync("apply", "-f", before.WriteTo(run.Directory))).ExitCode);

        // Either half alone, as a single PUT, leaves a.swap.test without its certificate.
        using var admin = gatehouse.AdminClient();
        var (_, blue, _) = await admin.SendAsync(HttpMethod.Get, "/api/v1/ssls?name=blue");
        var blueId = blue.GetProperty("items")[0].Id();
        var half = await admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{blueId}", SslJson.Body(b));
        Assert.True(half.Status == 409, half.Text);
        Assert.Equal("would_uncover", half.Body.Code());

        var apply = await run.RunAsync("apply", "-f", swapped.WriteTo(Path.Combine(run.Directory, "swap")), "-o", "json");
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Empty(apply.OutJson.GetProperty("guards").EnumerateArray());
        Assert.Equal(1, apply.OutJson.GetProperty("commits").GetInt32());
        var coverage = apply.OutJson.GetProperty("tls_coverage")[0];
        Assert.Equal("green", coverage.GetProperty("ssl").GetString());
        Assert.True(coverage.GetProperty("peer_authentication").GetBoolean());
        var served = await Eventually.ValueAsync(() => TlsProbe.ServedFingerprintAsync(gatehouse.HttpsPort, "b.swap.test"),
            TimeSpan.FromSeconds(10), f => f == b.FingerprintSha256);
        Assert.Equal(b.FingerprintSha256, served);
        Assert.Equal(blueId, (await admin.SendAsync(HttpMethod.Get, "/api/v1/ssls?name=blue")).Body.GetProperty("items")[0].Id());
    }
}
