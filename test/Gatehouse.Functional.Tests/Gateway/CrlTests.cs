using Gatehouse.Functional.Tests.Api;
using Gatehouse.Functional.Tests.Cli;
using Gatehouse.Testing.Pki;
using Gatehouse.Testing.Tls;

namespace Gatehouse.Functional.Tests.Gateway;

/// <summary>CRLs on peer-authenticated objects (DESIGN.md §12), with curl as the client.</summary>
public sealed class CrlTests(GatehouseFixture fixture) : IClassFixture<GatehouseFixture>, IDisposable
{
    private static readonly TestCert ServerRoot = TestPki.CreateRoot("CRL Server Root");
    private static readonly TestCert ClientCa = TestPki.CreateRoot("CRL Client CA");
    private static readonly TestCert OtherCa = TestPki.CreateRoot("CRL Other CA");
    private readonly HttpClient _admin = fixture.Process.AdminClient();
    private readonly string _files = Directory.CreateTempSubdirectory("gatehouse-crl-").FullName;
    private int Port => fixture.Process.HttpsPort;

    // These tests are about what is refused, not how fast a write is served (HotReloadTests time that).
    private static readonly TimeSpan Reload = TimeSpan.FromSeconds(10);

    public void Dispose() => Directory.Delete(_files, recursive: true);

    private static TestCert Client(string name) =>
        ClientCa.Issue(new CertSpec { CommonName = name, DnsNames = null, ExtendedKeyUsages = [Oids.ClientAuth] });

    private async Task<bool> AcceptedAsync(string host, TestCert client, string name) =>
        (await CurlAsync(host, client, name)).Answered;

    /// <summary>Only a refusal by the gateway passes: a curl that could not connect fails the test.</summary>
    private async Task AssertRefusedAsync(string host, TestCert client, string name, string because)
    {
        var result = await CurlAsync(host, client, name);
        Assert.True(result.RefusedTls, $"{because}: {result}");
    }

    private Task<CurlResult> CurlAsync(string host, TestCert client, string name)
    {
        var (cert, key) = client.WriteFiles(_files, name);
        return Curl.GetAsync($"https://{host}:{Port}/", null, "-k", "--cert", cert, "--key", key);
    }

    private static System.Text.Json.Nodes.JsonObject Body(TestCert server, string? crl, bool strict = false)
    {
        var body = SslJson.Body(server, ca: ClientCa.CertPem);
        if (crl is not null) body["crl"] = crl;
        if (strict) body["crl_strict"] = true;
        return body;
    }

    [Fact]
    public async Task A_listed_client_certificate_is_refused_while_another_from_the_same_ca_is_accepted_and_a_crl_only_update_applies()
    {
        var server = ServerRoot.Issue("crl.peer.test");
        var (revoked, good) = (Client("revoked"), Client("good"));
        var created = await _admin.CreateAsync(Body(server, TestCrl.Pem(ClientCa, [revoked])));
        Assert.Equal(1, created.GetProperty("crls")[0].GetProperty("revoked_count").GetInt32());
        await GatewayRevision.WaitForAsync(fixture.Process, created.GetProperty("revision").GetInt64(), Reload);

        Assert.True(await AcceptedAsync("crl.peer.test", good, "good"), "a certificate the CRL does not list");
        await AssertRefusedAsync("crl.peer.test", revoked, "revoked", "a certificate the CRL lists");

        // Only the CRL changes: a normal PUT, with its own dry run first.
        var id = created.GetProperty("id").GetString()!;
        var newCrl = Body(server, TestCrl.Pem(ClientCa, [revoked, good]));
        newCrl.Remove("private_key");
        var (dryStatus, dry, dryText) = await _admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{id}?dry_run=true", newCrl);
        Assert.True(dryStatus == 200 && dry.GetProperty("dry_run").GetBoolean(), dryText);
        Assert.True(await AcceptedAsync("crl.peer.test", good, "good2"), "a dry run changes nothing");
        var (status, updated, text) = await _admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{id}", newCrl);
        Assert.True(status == 200, text);
        await GatewayRevision.WaitForAsync(fixture.Process, updated.GetProperty("revision").GetInt64(), Reload);
        await AssertRefusedAsync("crl.peer.test", good, "good3", "now listed too");
        Assert.True(await AcceptedAsync("crl.peer.test", Client("fresh"), "fresh"), "a third certificate is still accepted");
    }

    [Fact]
    public async Task A_crl_not_signed_by_the_objects_ca_is_400_invalid_crl_and_nothing_is_stored()
    {
        var (status, error, text) = await _admin.SendAsync(HttpMethod.Post, "/api/v1/ssls",
            Body(ServerRoot.Issue("bad-crl.peer.test"), TestCrl.Pem(OtherCa, [])));
        Assert.True(status == 400, text);
        Assert.Equal("invalid_crl", error.Code());
        var list = await _admin.GetStringAsync("/api/v1/ssls?sni=bad-crl.peer.test");
        Assert.DoesNotContain("bad-crl.peer.test", list);
    }

    [Fact]
    public async Task A_stale_crl_warns_and_with_crl_strict_refuses_every_client()
    {
        var now = DateTimeOffset.UtcNow;
        var stale = TestCrl.Pem(ClientCa, [], now.AddDays(-10), now.AddDays(-1));
        var lenient = await _admin.CreateAsync(Body(ServerRoot.Issue("stale.peer.test"), stale));
        Assert.Contains(lenient.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("next_update", StringComparison.Ordinal));
        var strict = await _admin.CreateAsync(Body(ServerRoot.Issue("strict.peer.test"), stale, strict: true));
        Assert.True(strict.GetProperty("crl_strict").GetBoolean());
        await GatewayRevision.WaitForAsync(fixture.Process, strict.GetProperty("revision").GetInt64(), Reload);

        var good = Client("good-stale");
        Assert.True(await AcceptedAsync("stale.peer.test", good, "lenient"), "a stale CRL only warns");
        await AssertRefusedAsync("strict.peer.test", good, "strict", "crl_strict refuses every client");
    }

    [Fact]
    public async Task The_cli_uploads_a_crl_with_create_and_replaces_it_with_update()
    {
        using var cli = new CliHarness(fixture.Process);
        var (cert, key) = cli.Write(ServerRoot.Issue("cli-crl.peer.test"), "server");
        var ca = cli.WriteCa(ClientCa, "ca");
        var crl = Path.Combine(cli.Directory, "ca.crl");
        await File.WriteAllTextAsync(crl, TestCrl.Pem(ClientCa, [Client("x")]));

        var created = await cli.RunAsync("ssl", "create", "--cert", cert, "--key", key, "--ca", ca, "--crl", crl, "--crl-strict", "--output", "json");
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.True(created.OutJson.GetProperty("crl_strict").GetBoolean());
        var id = created.OutJson.GetProperty("id").GetString()!;

        await File.WriteAllTextAsync(crl, TestCrl.Pem(ClientCa, [Client("y"), Client("z")]));
        var updated = await cli.RunAsync("ssl", "update", id, "--crl", crl, "--output", "json");
        Assert.True(updated.ExitCode == 0, updated.ToString());
        Assert.Equal(2, updated.OutJson.GetProperty("crls")[0].GetProperty("revoked_count").GetInt32());
        Assert.True(updated.OutJson.GetProperty("crl_strict").GetBoolean(), "kept");

        var removed = await cli.RunAsync("ssl", "update", id, "--no-crl", "--output", "json");
        Assert.True(removed.ExitCode == 0, removed.ToString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, removed.OutJson.GetProperty("crl").ValueKind);
    }
}
