using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Gatehouse.Functional.Tests.Api;
using Gatehouse.Testing.Pki;
using Gatehouse.Testing.Tls;

namespace Gatehouse.Functional.Tests.Gateway;

/// <summary>Writes reach new handshakes within a second, with no restart; open connections keep what they got.</summary>
[Collection(TimingCollection.Name)]
public sealed class HotReloadTests(GatehouseFixture fixture) : IClassFixture<GatehouseFixture>
{
    private static readonly TestCert Root = TestPki.CreateRoot();
    private readonly HttpClient _admin = fixture.Process.AdminClient();
    private int Port => fixture.Process.HttpsPort;

    [Fact]
    public async Task Create_update_and_delete_are_each_seen_by_a_new_handshake_within_one_second()
    {
        var first = Root.Issue("live.reload.test");
        var (id, _) = await TimedAsync(() => _admin.CreateAsync(SslJson.Body(first)), first.FingerprintSha256);

        var second = Root.Issue("live.reload.test");
        await TimedAsync(() => _admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{id}", SslJson.Body(second)), second.FingerprintSha256);

        await _admin.SendAsync(HttpMethod.Delete, $"/api/v1/ssls/{id}?confirm={id}");
        var stopwatch = Stopwatch.StartNew();
        var gone = await Eventually.ValueAsync(() => TlsProbe.ServedFingerprintAsync(Port, "live.reload.test"), accept: f => f is null);
        Assert.Null(gone);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"delete seen after {stopwatch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task An_established_connection_keeps_its_certificate_across_an_update()
    {
        var before = Root.Issue("keep.reload.test");
        var created = await _admin.CreateAsync(SslJson.Body(before));
        var id = created.GetProperty("id").GetString()!;
        await GatewayRevision.WaitForAsync(fixture.Process, created.GetProperty("revision").GetInt64());
        await using var connection = await TlsProbe.ConnectAsync(Port, "keep.reload.test");
        Assert.NotNull(connection);
        Assert.Equal(before.FingerprintSha256, connection.Fingerprint);

        var after = Root.Issue("keep.reload.test");
        var (status, updated, _) = await _admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{id}", SslJson.Body(after));
        Assert.Equal(200, status);
        await GatewayRevision.WaitForAsync(fixture.Process, updated.GetProperty("revision").GetInt64());

        Assert.Equal(after.FingerprintSha256, await TlsProbe.ServedFingerprintAsync(Port, "keep.reload.test"));
        // The old connection still works, on the certificate it was given.
        Assert.StartsWith("HTTP/1.1 ", await connection.GetStatusLineAsync("keep.reload.test"));
        Assert.Equal(before.FingerprintSha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(connection.Stream.RemoteCertificate!.GetRawCertData())));
    }

    [Fact]
    public async Task Urls_inside_a_certificate_are_never_contacted()
    {
        using var trap = new TcpListener(IPAddress.Loopback, 0);
        trap.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)trap.LocalEndpoint).Port}/issuer.crt";
        var intermediate = Root.Issue(new CertSpec { CommonName = "AIA Intermediate", IsCa = true, DnsNames = null, ExtendedKeyUsages = null, AuthorityInfoUrl = url });
        var leaf = intermediate.Issue(new CertSpec { DnsNames = ["aia.reload.test"], AuthorityInfoUrl = url });
        // Upload only the leaf: a chain builder that downloads would now fetch the missing issuer from the URL.
        var body = new System.Text.Json.Nodes.JsonObject { ["certificate"] = leaf.CertPem, ["private_key"] = leaf.KeyPem };
        var created = await _admin.CreateAsync(body);
        await GatewayRevision.WaitForAsync(fixture.Process, created.GetProperty("revision").GetInt64());
        for (var i = 0; i < 3; i++)
            Assert.Equal(leaf.FingerprintSha256, await OpenSslClient.ServedFingerprintAsync(Port, "aia.reload.test", "-status"));
        await Task.Delay(500);
        Assert.False(trap.Pending(), "the gateway contacted a URL found inside a certificate");
    }

    private async Task<(string Id, TimeSpan Elapsed)> TimedAsync<T>(Func<Task<T>> write, string expected)
    {
        // DESIGN.md §3: served from the next handshake after the write is acknowledged — time from the acknowledgement.
        var result = await write();
        var stopwatch = Stopwatch.StartNew();
        var seen = await Eventually.ValueAsync(() => TlsProbe.ServedFingerprintAsync(Port, "live.reload.test"), accept: f => f == expected);
        var elapsed = stopwatch.Elapsed;
        Assert.Equal(expected, seen);
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"write seen after {elapsed.TotalMilliseconds} ms");
        var id = result switch
        {
            System.Text.Json.JsonElement json => json.GetProperty("id").GetString()!,
            _ => "",
        };
        return (id, elapsed);
    }
}
