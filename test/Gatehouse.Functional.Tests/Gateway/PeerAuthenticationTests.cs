using Gatehouse.Functional.Tests.Api;
using Gatehouse.Testing.Pki;
using Gatehouse.Testing.Tls;

namespace Gatehouse.Functional.Tests.Gateway;

/// <summary>Client → gateway peer authentication (DESIGN.md §3), with curl and openssl as the clients.</summary>
public sealed class PeerAuthenticationTests(GatehouseFixture fixture) : IClassFixture<GatehouseFixture>, IDisposable
{
    private static readonly TestCert ServerRoot = TestPki.CreateRoot("Server Root");
    private static readonly TestCert ClientCa = TestPki.CreateRoot("Client CA");
    private static readonly TestCert OtherCa = TestPki.CreateRoot("Other Client CA");
    private readonly HttpClient _admin = fixture.Process.AdminClient();
    private readonly string _files = Directory.CreateTempSubdirectory("gatehouse-mtls-").FullName;
    private int Port => fixture.Process.HttpsPort;

    public void Dispose() => Directory.Delete(_files, recursive: true);

    private static TestCert Client(TestCert ca, string name, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null,
        IReadOnlyList<string>? ekus = null) =>
        ca.Issue(new CertSpec
        {
            CommonName = name, DnsNames = null, ExtendedKeyUsages = ekus ?? [Oids.ClientAuth],
            NotBefore = notBefore ?? DateTimeOffset.UtcNow.AddDays(-1), NotAfter = notAfter ?? DateTimeOffset.UtcNow.AddDays(30),
        });

    private string[] CertArgs(TestCert client, string name)
    {
        var (cert, key) = client.WriteFiles(_files, name);
        return ["-k", "--cert", cert, "--key", key];
    }

    private async Task CreateAsync(TestCert server, TestCert? ca)
    {
        var created = await _admin.CreateAsync(SslJson.Body(server, ca: ca?.CertPem));
        await GatewayRevision.WaitForAsync(fixture.Process, created.GetProperty("revision").GetInt64());
    }

    private static bool Accepted(CurlResult result) => result.Answered;

    /// <summary>Only a refusal by the gateway passes: a probe that could not connect fails the test.</summary>
    private static void AssertRefused(CurlResult result, string because) => Assert.True(result.RefusedTls, $"{because}: {result}");

    [Fact]
    public async Task Only_a_certificate_from_the_objects_own_ca_within_validity_and_allowing_clientAuth_is_accepted()
    {
        await CreateAsync(ServerRoot.Issue("mtls.peer.test"), ClientCa);
        await CreateAsync(ServerRoot.Issue("other.peer.test"), OtherCa);
        var now = DateTimeOffset.UtcNow;

        Assert.True(Accepted(await Curl.GetAsync($"https://mtls.peer.test:{Port}/", null, CertArgs(Client(ClientCa, "good"), "good"))));
        AssertRefused(await Curl.GetAsync($"https://mtls.peer.test:{Port}/", null, "-k"), "no client certificate");
        AssertRefused(await Curl.GetAsync($"https://mtls.peer.test:{Port}/", null, CertArgs(Client(OtherCa, "other"), "other")), "another object's CA");
        AssertRefused(await Curl.GetAsync($"https://mtls.peer.test:{Port}/", null, CertArgs(Client(ClientCa, "expired", now.AddDays(-10), now.AddDays(-1)), "expired")), "expired");
        AssertRefused(await Curl.GetAsync($"https://mtls.peer.test:{Port}/", null, CertArgs(Client(ClientCa, "server-only", ekus: [Oids.ServerAuth]), "server-only")), "no clientAuth");
        AssertRefused(await Curl.GetAsync($"https://mtls.peer.test:{Port}/", null, CertArgs(TestPki.SelfSigned(new CertSpec { CommonName = "self", DnsNames = null, ExtendedKeyUsages = [Oids.ClientAuth] }), "self")), "self-signed");
        Assert.True(Accepted(await Curl.GetAsync($"https://other.peer.test:{Port}/", null, CertArgs(Client(OtherCa, "other2"), "other2"))));
    }

    [Fact]
    public async Task The_upstream_receives_the_verified_client_identity_and_never_a_client_sent_copy()
    {
        await using var upstream = await EchoUpstream.StartAsync("identity");
        await CreateAsync(ServerRoot.Issue("id.peer.test"), ClientCa);
        var body = ServiceRequests.Body("identity", ["id.peer.test"], (upstream.Port, 1));
        body["protocols"] = new System.Text.Json.Nodes.JsonArray("https");
        await fixture.Process.CreateServiceAsync(body);
        var client = Client(ClientCa, "alice");
        var result = await Curl.GetAsync($"https://id.peer.test:{Port}/", null, [.. CertArgs(client, "alice"),
            "-H", "X-Client-Cert-Subject: CN=mallory", "-H", "X-Client-Cert-Sha256: 00"]);
        Assert.True(result.Status == 200, result.Body + result.Stderr);
        var headers = System.Text.Json.JsonDocument.Parse(result.Body).RootElement.GetProperty("headers");
        Assert.Equal("CN=alice", headers.GetProperty("x-client-cert-subject").GetString());
        Assert.Equal(client.FingerprintSha256, headers.GetProperty("x-client-cert-sha256").GetString());
    }

    [Fact]
    public async Task Objects_without_a_ca_never_ask_for_a_client_certificate()
    {
        await CreateAsync(ServerRoot.Issue("open.peer.test"), ca: null);
        var output = await OpenSslAsync("open.peer.test", []);
        Assert.Contains("No client certificate CA names sent", output);
        Assert.True(Accepted(await Curl.GetAsync($"https://open.peer.test:{Port}/", null, "-k")));
    }

    [Fact]
    public async Task A_session_taken_before_a_ca_was_added_cannot_be_resumed_without_a_client_certificate()
    {
        var server = ServerRoot.Issue("resume.peer.test");
        var created = await _admin.CreateAsync(SslJson.Body(server));
        var id = created.GetProperty("id").GetString()!;
        await GatewayRevision.WaitForAsync(fixture.Process, created.GetProperty("revision").GetInt64());
        var session = Path.Combine(_files, "session.pem");
        var first = await OpenSslAsync("resume.peer.test", ["-sess_out", session]);
        Assert.Contains("HTTP/1.1 404", first);
        Assert.True(File.Exists(session) && new FileInfo(session).Length > 0, "no resumable session was handed out: " + first);
        // The session resumes while the object has no CA (so the refusal below is the CA's doing, not a dead session).
        Assert.Contains("Reused, TLSv1.2", await OpenSslAsync("resume.peer.test", ["-sess_in", session]));

        var (status, updated, text) = await _admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{id}", SslJson.Body(server, ca: ClientCa.CertPem));
        Assert.True(status == 200, text);
        await GatewayRevision.WaitForAsync(fixture.Process, updated.GetProperty("revision").GetInt64());

        var resumed = await OpenSslAsync("resume.peer.test", ["-sess_in", session]);
        Assert.Contains("CONNECTED(", resumed);
        Assert.DoesNotContain("HTTP/1.1 404", resumed);
        Assert.DoesNotContain("Reused,", resumed);
        // With a certificate from the CA, a fresh handshake is accepted.
        var client = Client(ClientCa, "resumer");
        var (cert, key) = client.WriteFiles(_files, "resumer");
        Assert.Contains("HTTP/1.1 404", await OpenSslAsync("resume.peer.test", ["-cert", cert, "-key", key]));
    }

    [Fact]
    public async Task Tls13_sessions_resume_by_ticket_on_an_object_without_a_ca_and_never_on_a_peer_authenticated_one()
    {
        await CreateAsync(ServerRoot.Issue("ticket.peer.test"), ca: null);
        await CreateAsync(ServerRoot.Issue("noticket.peer.test"), ClientCa);
        var open = Path.Combine(_files, "open13.pem");
        Assert.Contains("New, TLSv1.3", await OpenSslAsync("ticket.peer.test", ["-sess_out", open], "-tls1_3"));
        Assert.Contains("Reused, TLSv1.3", await OpenSslAsync("ticket.peer.test", ["-sess_in", open], "-tls1_3"));

        var (cert, key) = Client(ClientCa, "ticketless").WriteFiles(_files, "ticketless");
        var peer = Path.Combine(_files, "peer13.pem");
        var first = await OpenSslAsync("noticket.peer.test", ["-cert", cert, "-key", key, "-sess_out", peer], "-tls1_3");
        Assert.Contains("HTTP/1.1 404", first); // the handshake and a request succeeded, so a ticket could have been issued
        var again = await OpenSslAsync("noticket.peer.test", ["-cert", cert, "-key", key, "-sess_in", peer], "-tls1_3");
        Assert.Contains("New, TLSv1.3", again);
        Assert.DoesNotContain("Reused", again);
    }

    /// <summary>One HTTP/1.1 request through openssl s_client (TLS 1.2 unless told); everything it printed.</summary>
    private Task<string> OpenSslAsync(string host, string[] extra, string protocol = "-tls1_2") =>
        OpenSslClient.RequestAsync(Port, host, [protocol, .. extra]);
}
