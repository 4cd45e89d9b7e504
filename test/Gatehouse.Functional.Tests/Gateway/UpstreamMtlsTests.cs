using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Functional.Tests.Api;
using Gatehouse.Testing.Pki;

namespace Gatehouse.Functional.Tests.Gateway;

/// <summary>
/// Gateway → upstream TLS (DESIGN.md §4): an HTTPS upstream started by the test demands a client certificate
/// from one CA and serves a certificate from another CA for a given name.
/// </summary>
public sealed class UpstreamMtlsTests(GatehouseFixture fixture) : IClassFixture<GatehouseFixture>, IAsyncLifetime
{
    private static readonly TestCert UpstreamCa = TestPki.CreateRoot("Upstream CA");
    private static readonly TestCert GatewayClientCa = TestPki.CreateRoot("Gateway Client CA");
    private static readonly TestCert UnrelatedCa = TestPki.CreateRoot("Unrelated CA");
    private readonly HttpClient _admin = fixture.Process.AdminClient();
    private EchoUpstream _upstream = null!;

    public async Task InitializeAsync()
    {
        var serverCert = UpstreamCa.Issue(new CertSpec { CommonName = "backend.internal", DnsNames = ["backend.internal"] });
        _upstream = await EchoUpstream.StartAsync("mtls", serverCert.WithKey(), clientCa: GatewayClientCa.Certificate);
    }

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    private static TestCert ClientCert(string name) =>
        GatewayClientCa.Issue(new CertSpec { CommonName = name, DnsNames = null, ExtendedKeyUsages = [Oids.ClientAuth] });

    private async Task<string> CreateClientObjectAsync(TestCert cert, TestCert? trusted)
    {
        var body = SslJson.Body(cert, type: "client", ca: trusted?.CertPem);
        return await fixture.Process.CreateSslAsync(body);
    }

    private async Task<string> CreateServiceAsync(string host, string? clientSslId, string? sni = "backend.internal",
        string? upstreamCa = null, bool verify = true)
    {
        var body = ServiceRequests.Body(host, [host], (_upstream.Port, 1));
        body["protocols"] = new JsonArray("http");
        var upstream = body["upstream"]!.AsObject();
        upstream["scheme"] = "https";
        if (clientSslId is not null) upstream["client_ssl_id"] = clientSslId;
        if (sni is not null) upstream["sni"] = sni;
        if (upstreamCa is not null) upstream["ca_certificate"] = upstreamCa;
        upstream["tls_verify"] = verify;
        return await fixture.Process.CreateServiceAsync(body);
    }

    private async Task<(int Status, JsonElement Body)> GetAsync(string host)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{fixture.Process.HttpPort}/hello");
        request.Headers.Host = host;
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.StartsWith('{') ? JsonDocument.Parse(text).RootElement.Clone() : default);
    }

    [Fact]
    public async Task The_client_object_is_presented_and_the_upstream_is_verified_against_its_ca_and_the_sni_name()
    {
        var clientId = await CreateClientObjectAsync(ClientCert("gateway-1"), trusted: UpstreamCa);
        await CreateServiceAsync("ok.up.test", clientId);
        var (status, body) = await GetAsync("ok.up.test");
        Assert.Equal(200, status);
        Assert.Equal("CN=gateway-1", body.GetProperty("client_subject").GetString());
        // The forwarded Host is the client's, while the TLS name was upstream.sni.
        Assert.Equal("ok.up.test", body.GetProperty("host").GetString());
    }

    [Fact]
    public async Task Without_a_client_object_the_upstream_refuses_and_the_gateway_answers_upstream_tls_failed()
    {
        await CreateServiceAsync("noclient.up.test", clientSslId: null, upstreamCa: UpstreamCa.CertPem);
        var (status, body) = await GetAsync("noclient.up.test");
        Assert.Equal(502, status);
        if (body.Code() != "upstream_tls_failed") await Task.Delay(500); // let the failure's log line arrive for the message
        Assert.True(body.Code() == "upstream_tls_failed", fixture.Process.Output);
    }

    [Fact]
    public async Task A_client_object_whose_ca_does_not_match_the_upstream_is_refused()
    {
        var clientId = await CreateClientObjectAsync(ClientCert("gateway-wrong-ca"), trusted: UnrelatedCa);
        await CreateServiceAsync("wrongca.up.test", clientId);
        var (status, body) = await GetAsync("wrongca.up.test");
        Assert.Equal(502, status);
        Assert.Equal("upstream_tls_failed", body.Code());
        Assert.Contains("Upstream TLS to backend.internal refused", fixture.Process.Output);
    }

    [Fact]
    public async Task A_matching_ca_with_the_wrong_name_is_refused_and_tls_verify_false_skips_both_checks()
    {
        var clientId = await CreateClientObjectAsync(ClientCert("gateway-name"), trusted: UpstreamCa);
        await CreateServiceAsync("wrongname.up.test", clientId, sni: "other.internal");
        var (status, body) = await GetAsync("wrongname.up.test");
        Assert.Equal(502, status);
        Assert.Equal("upstream_tls_failed", body.Code());

        var plainClientId = await CreateClientObjectAsync(ClientCert("gateway-noverify"), trusted: null);
        await CreateServiceAsync("noverify.up.test", plainClientId, sni: "other.internal", verify: false);
        Assert.Equal(200, (await GetAsync("noverify.up.test")).Status);
    }

    [Fact]
    public async Task Rotating_the_client_object_is_seen_on_the_next_request_and_deleting_it_with_force_gives_client_ssl_missing()
    {
        var clientId = await CreateClientObjectAsync(ClientCert("gateway-old"), trusted: UpstreamCa);
        await CreateServiceAsync("rotate.up.test", clientId);
        Assert.Equal("CN=gateway-old", (await GetAsync("rotate.up.test")).Body.GetProperty("client_subject").GetString());

        var (putStatus, updated, text) = await _admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{clientId}",
            SslJson.Body(ClientCert("gateway-new"), type: "client", ca: UpstreamCa.CertPem));
        Assert.True(putStatus == 200, text);
        await GatewayRevision.WaitForAsync(fixture.Process, updated.GetProperty("revision").GetInt64());
        Assert.Equal("CN=gateway-new", (await GetAsync("rotate.up.test")).Body.GetProperty("client_subject").GetString());

        var (refused, error, _) = await _admin.SendAsync(HttpMethod.Delete, $"/api/v1/ssls/{clientId}?confirm={clientId}");
        Assert.Equal(409, refused);
        Assert.Equal("in_use", error.Code());
        var (deleted, _, _) = await _admin.SendAsync(HttpMethod.Delete, $"/api/v1/ssls/{clientId}?confirm={clientId}&force=true");
        Assert.Equal(204, deleted);
        // The delete's revision (204 has no body): the store's, read after the delete was acknowledged.
        await GatewayRevision.WaitForAsync(fixture.Process, await GatewayRevision.StoreRevisionAsync(fixture.Process));
        var missing = await Eventually.ValueAsync(async () => (await GetAsync("rotate.up.test")).Body.Code(), TimeSpan.FromSeconds(2),
            accept: code => code == "client_ssl_missing");
        Assert.Equal("client_ssl_missing", missing);
    }
}
