using System.Text.Json.Nodes;
using Gatehouse.Functional.Tests.Api;
using Gatehouse.Testing.Pki;
using Gatehouse.Testing.Tls;

namespace Gatehouse.Functional.Tests.Gateway;

/// <summary>
/// Issue 17 at the handshake, with openssl s_client against the real process: the intermediate default, per-object
/// versions and TLS 1.2 suites, and RSA + ECDSA certificates chosen by the ClientHello's signature_algorithms.
/// Every refusal is paired with an accepted handshake of the same probe, so a probe that cannot run fails the test.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class TlsPolicyTests(GatehouseFixture fixture) : IClassFixture<GatehouseFixture>
{
    private static readonly TestCert Root = TestPki.CreateRoot("Policy Root");
    private readonly HttpClient _admin = fixture.Process.AdminClient();
    private int Port => fixture.Process.HttpsPort;

    private async Task<System.Text.Json.JsonElement> CreateAsync(JsonObject body)
    {
        var created = await _admin.CreateAsync(body);
        // Not a latency test (HotReloadTests is): a loaded machine may take a while for the first handshake contexts.
        await GatewayRevision.WaitForAsync(fixture.Process, created.GetProperty("revision").GetInt64(), TimeSpan.FromSeconds(15));
        return created;
    }

    private static TestCert Rsa(string name) => Root.Issue(new CertSpec { DnsNames = [name], Key = KeyKind.Rsa2048 });

    private static TestCert Ec(string name) => Root.Issue(new CertSpec { DnsNames = [name], Key = KeyKind.EcP256 });

    [Fact]
    public async Task The_default_refuses_tls12_cbc_and_static_rsa_suites_and_accepts_ecdhe_gcm()
    {
        await CreateAsync(SslJson.Body(Rsa("default.policy.test")));

        var gcm = await OpenSslClient.HandshakeAsync(Port, "default.policy.test", "-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256");
        Assert.True(gcm.Completed, gcm.Output);
        Assert.Equal(("TLSv1.2", "ECDHE-RSA-AES128-GCM-SHA256"), (gcm.Protocol, gcm.Cipher));
        foreach (var refused in new[] { "ECDHE-RSA-AES128-SHA", "ECDHE-RSA-AES256-SHA384", "AES128-GCM-SHA256", "AES256-SHA" })
        {
            var probe = await OpenSslClient.HandshakeAsync(Port, "default.policy.test", "-tls1_2", "-cipher", refused);
            Assert.True(probe.Refused, $"{refused}: {probe.Probe}");
        }
        var tls13 = await OpenSslClient.HandshakeAsync(Port, "default.policy.test", "-tls1_3");
        Assert.Equal("TLSv1.3", tls13.Protocol);
    }

    [Fact]
    public async Task A_default_policy_object_resumes_sessions_and_keeps_the_server_order()
    {
        // The default policy is the process's OpenSSL default (gatehouse-openssl.cnf), so .NET keeps one TLS context
        // per certificate — with a session cache and ticket keys — instead of building one per handshake.
        await CreateAsync(SslJson.Body(Rsa("resume.policy.test")));
        var files = Directory.CreateTempSubdirectory("gatehouse-resume-").FullName;
        try
        {
            foreach (var version in new[] { "-tls1_3", "-tls1_2" })
            {
                var session = Path.Combine(files, version + ".pem");
                var first = await OpenSslClient.RequestAsync(Port, "resume.policy.test", version, "-sess_out", session);
                Assert.Contains("New, TLSv1.", first);
                var second = await OpenSslClient.RequestAsync(Port, "resume.policy.test", version, "-sess_in", session);
                Assert.Contains("Reused, TLSv1.", second);
            }
        }
        finally
        {
            Directory.Delete(files, recursive: true);
        }
        // The client lists ChaCha20 first; the default prefers AES-128-GCM and the server's order wins.
        var probe = await OpenSslClient.HandshakeAsync(Port, "resume.policy.test", "-tls1_2",
            "-cipher", "ECDHE-RSA-CHACHA20-POLY1305:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256");
        Assert.Equal("ECDHE-RSA-AES128-GCM-SHA256", probe.Cipher);
    }

    [Fact]
    public async Task The_server_chooses_the_suite_in_its_own_order()
    {
        // The client prefers CBC then ChaCha20; the object prefers AES-256-GCM first: the server's order wins.
        var body = SslJson.Body(Rsa("order.policy.test"));
        body["tls12_cipher_suites"] = new JsonArray("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
        await CreateAsync(body);
        var probe = await OpenSslClient.HandshakeAsync(Port, "order.policy.test", "-tls1_2",
            "-cipher", "ECDHE-RSA-AES128-SHA:ECDHE-RSA-CHACHA20-POLY1305:ECDHE-RSA-AES256-GCM-SHA384");
        Assert.Equal("ECDHE-RSA-AES256-GCM-SHA384", probe.Cipher);
        var notListed = await OpenSslClient.HandshakeAsync(Port, "order.policy.test", "-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256");
        Assert.True(notListed.Refused, notListed.Probe.ToString());
    }

    [Fact]
    public async Task A_tls13_only_object_refuses_tls12_while_its_neighbour_accepts_it()
    {
        var only13 = Rsa("only13.policy.test");
        var body = SslJson.Body(only13);
        body["min_tls_version"] = "1.3";
        var created = await CreateAsync(body);
        Assert.Equal("1.3", created.GetProperty("min_tls_version").GetString());
        await CreateAsync(SslJson.Body(Rsa("both.policy.test")));

        var refused = await OpenSslClient.HandshakeAsync(Port, "only13.policy.test", "-tls1_2");
        Assert.True(refused.Refused, refused.Probe.ToString());
        var accepted = await OpenSslClient.HandshakeAsync(Port, "only13.policy.test", "-tls1_3");
        Assert.Equal(("TLSv1.3", only13.FingerprintSha256), (accepted.Protocol, accepted.Fingerprint));
        // The policy is that object's only: the same client gets TLS 1.2 from another object on the same listener.
        var neighbour = await OpenSslClient.HandshakeAsync(Port, "both.policy.test", "-tls1_2");
        Assert.Equal("TLSv1.2", neighbour.Protocol);
    }

    [Fact]
    public async Task Dual_certificates_serve_ecdsa_by_default_and_rsa_to_clients_that_only_verify_rsa()
    {
        var rsa = Rsa("dual.policy.test");
        var ec = Ec("dual.policy.test");
        var body = SslJson.Body(rsa);
        body["alt_certificate"] = ec.ChainPem;
        body["alt_private_key"] = ec.KeyPem;
        var created = await CreateAsync(body);
        Assert.Equal("EC P-256", created.GetProperty("alt_key_algorithm").GetString());
        Assert.Equal(ec.FingerprintSha256, created.GetProperty("alt_fingerprint_sha256").GetString());

        Assert.Equal(ec.FingerprintSha256, (await OpenSslClient.HandshakeAsync(Port, "dual.policy.test")).Fingerprint);
        Assert.Equal(rsa.FingerprintSha256, (await OpenSslClient.HandshakeAsync(Port, "dual.policy.test", "-sigalgs", "RSA-PSS+SHA256:RSA+SHA256")).Fingerprint);
        Assert.Equal(ec.FingerprintSha256, (await OpenSslClient.HandshakeAsync(Port, "dual.policy.test", "-tls1_2")).Fingerprint);
        Assert.Equal(rsa.FingerprintSha256, (await OpenSslClient.HandshakeAsync(Port, "dual.policy.test", "-tls1_2", "-sigalgs", "RSA+SHA256")).Fingerprint);
        // A TLS 1.2 client without an ECDSA suite cannot use the ECDSA certificate, whatever its signature_algorithms.
        Assert.Equal(rsa.FingerprintSha256, (await OpenSslClient.HandshakeAsync(Port, "dual.policy.test", "-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256")).Fingerprint);
        // .NET's own client offers ECDSA too.
        Assert.Equal(ec.FingerprintSha256, await TlsProbe.ServedFingerprintAsync(Port, "dual.policy.test"));
    }

    [Fact]
    public async Task An_ecdsa_primary_with_an_rsa_alt_and_an_expired_alt_fall_back_to_the_primary()
    {
        var ec = Ec("ecfirst.policy.test");
        var rsa = Rsa("ecfirst.policy.test");
        var body = SslJson.Body(ec);
        body["alt_certificate"] = rsa.ChainPem;
        body["alt_private_key"] = rsa.KeyPem;
        await CreateAsync(body);
        Assert.Equal(ec.FingerprintSha256, (await OpenSslClient.HandshakeAsync(Port, "ecfirst.policy.test")).Fingerprint);
        Assert.Equal(rsa.FingerprintSha256, (await OpenSslClient.HandshakeAsync(Port, "ecfirst.policy.test", "-sigalgs", "RSA-PSS+SHA256")).Fingerprint);

        var rsaPrimary = Rsa("expiredalt.policy.test");
        var expiredEc = Root.Issue(new CertSpec
        {
            DnsNames = ["expiredalt.policy.test"], Key = KeyKind.EcP256,
            NotBefore = DateTimeOffset.UtcNow.AddDays(-30), NotAfter = DateTimeOffset.UtcNow.AddDays(-1),
        });
        var expired = SslJson.Body(rsaPrimary);
        expired["alt_certificate"] = expiredEc.ChainPem;
        expired["alt_private_key"] = expiredEc.KeyPem;
        var created = await CreateAsync(expired);
        Assert.Contains(created.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("alt certificate has expired", StringComparison.Ordinal));
        Assert.Equal(rsaPrimary.FingerprintSha256, (await OpenSslClient.HandshakeAsync(Port, "expiredalt.policy.test")).Fingerprint);
    }

    [Fact]
    public async Task Garbage_and_split_hellos_never_stop_the_listener()
    {
        var cert = Ec("garbage.policy.test");
        await CreateAsync(SslJson.Body(cert));
        var random = new Random(7);
        for (var i = 0; i < 50; i++)
        {
            using var tcp = new System.Net.Sockets.TcpClient();
            await tcp.ConnectAsync(System.Net.IPAddress.Loopback, Port);
            var stream = tcp.GetStream();
            var bytes = new byte[random.Next(1, 600)];
            random.NextBytes(bytes);
            if (i % 2 == 0) { bytes[0] = 0x16; if (bytes.Length > 2) { bytes[1] = 3; bytes[2] = 1; } }
            // Sent in two writes, the way a slow client fragments its first record.
            await stream.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
            await stream.FlushAsync();
            await stream.WriteAsync(bytes.AsMemory(bytes.Length / 2));
        }
        Assert.Equal(cert.FingerprintSha256, (await OpenSslClient.HandshakeAsync(Port, "garbage.policy.test")).Fingerprint);
    }
}
