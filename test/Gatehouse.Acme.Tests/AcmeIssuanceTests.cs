using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gatehouse.Acme.Tests;

public sealed class AcmeIssuanceTests
{
    private static readonly AcmeClientOptions Fast = new() { PollInterval = TimeSpan.Zero };

    [Theory]
    [InlineData(AcmeKeyType.EcP256, "http-01", "ES256")]
    [InlineData(AcmeKeyType.Rsa2048, "tls-alpn-01", "RS256")]
    public async Task A_recorded_issuance_signs_every_request_and_returns_the_chain_and_a_key_for_the_csr(AcmeKeyType type, string challenge, string alg)
    {
        var replay = new ReplayHandler([.. PebbleRecording.Account(), .. PebbleRecording.Issuance(challenge)]);
        using var key = AcmeKey.Create(type);
        var client = new AcmeClient(new HttpClient(replay), new Uri(PebbleRecording.Directory), key, TimeProvider.System, Fast);
        var publisher = new RecordingPublisher();

        var account = await client.NewAccountAsync(["mailto:ops@a.test"], null, default);
        var issued = await new AcmeIssuance(client, key, publisher).IssueAsync(["a.test"], challenge, type, null, default);

        Assert.True(replay.Done);
        Assert.Equal(PebbleRecording.Base + "/my-account/1", account);
        Assert.All(replay.Headers, h => Assert.Equal(alg, h.GetProperty("alg").GetString()));
        // Only newAccount carries the key; everything after it names the account.
        Assert.True(replay.Headers[0].TryGetProperty("jwk", out _));
        Assert.All(replay.Headers.Skip(1), h => Assert.Equal(account, h.GetProperty("kid").GetString()));
        Assert.True(replay.Payloads[0].RootElement.GetProperty("termsOfServiceAgreed").GetBoolean());
        Assert.Equal("a.test", replay.Payloads[1].RootElement.GetProperty("identifiers")[0].GetProperty("value").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, replay.Payloads[2].RootElement.ValueKind); // POST-as-GET
        Assert.Equal(System.Text.Json.JsonValueKind.Object, replay.Payloads[3].RootElement.ValueKind); // challenge: {}

        var answer = Assert.Single(publisher.Published);
        Assert.Equal(new ChallengeAnswer(challenge, "a.test", PebbleRecording.Token, PebbleRecording.Token + "." + key.Thumbprint()), answer);
        Assert.Equal(publisher.Published, publisher.Withdrawn);

        // The CSR sent to finalize names the domain and carries the public half of the returned key.
        var finalize = replay.Payloads.Single(p => p.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && p.RootElement.TryGetProperty("csr", out _));
        var csr = CertificateRequest.LoadSigningRequest(Base64Url.DecodeFromChars(finalize.RootElement.GetProperty("csr").GetString()!), HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
        Assert.Equal("CN=a.test", csr.SubjectName.Name);
        var san = new X509SubjectAlternativeNameExtension(Assert.Single(csr.CertificateExtensions, e => e.Oid!.Value == "2.5.29.17").RawData);
        Assert.Equal(["a.test"], san.EnumerateDnsNames());
        Assert.Equal(PublicKeyOf(issued.PrivateKeyPem, type), csr.PublicKey.ExportSubjectPublicKeyInfo());
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", issued.ChainPem);
        Assert.Equal(PebbleRecording.Base + "/my-order/o1", issued.OrderUrl!.AbsoluteUri);
    }

    [Fact]
    public async Task An_invalid_authorization_reports_the_CAs_detail_and_withdraws_the_answer()
    {
        var error = ""","error":{"type":"urn:ietf:params:acme:error:connection","detail":"127.0.0.1: Connection refused","status":400}""";
        var script = PebbleRecording.Issuance("http-01").Take(3).Append(
            new RecordedExchange("POST", PebbleRecording.Base + "/authZ/z1", HttpStatusCode.OK, PebbleRecording.Authorization("invalid", error), Nonce: "n6"));
        var replay = new ReplayHandler([.. PebbleRecording.Account(), .. script]);
        using var key = AcmeKey.Create(AcmeKeyType.EcP256);
        var client = new AcmeClient(new HttpClient(replay), new Uri(PebbleRecording.Directory), key, TimeProvider.System, Fast);
        var publisher = new RecordingPublisher();
        await client.NewAccountAsync([], null, default);

        var failure = await Assert.ThrowsAsync<AcmeException>(() =>
            new AcmeIssuance(client, key, publisher).IssueAsync(["a.test"], "http-01", AcmeKeyType.EcP256, null, default));

        Assert.Equal("urn:ietf:params:acme:error:connection", failure.Problem.Type);
        Assert.Contains("authorization of a.test ended invalid: 127.0.0.1: Connection refused", failure.Message);
        Assert.Single(publisher.Withdrawn);
        Assert.True(replay.Done);
    }

    [Fact]
    public async Task A_CA_without_the_challenge_type_is_refused_before_anything_is_published()
    {
        var replay = new ReplayHandler([.. PebbleRecording.Account(), .. PebbleRecording.Issuance("http-01").Take(1),
            new RecordedExchange("POST", PebbleRecording.Base + "/authZ/z1", HttpStatusCode.OK,
                PebbleRecording.Authorization("pending").Replace("tls-alpn-01", "tls-sni-02"), Nonce: "n4")]);
        using var key = AcmeKey.Create(AcmeKeyType.EcP256);
        var client = new AcmeClient(new HttpClient(replay), new Uri(PebbleRecording.Directory), key, TimeProvider.System, Fast);
        var publisher = new RecordingPublisher();
        await client.NewAccountAsync([], null, default);

        var failure = await Assert.ThrowsAsync<AcmeException>(() =>
            new AcmeIssuance(client, key, publisher).IssueAsync(["a.test"], "tls-alpn-01", AcmeKeyType.EcP256, null, default));
        Assert.Contains("offers no tls-alpn-01 challenge for a.test", failure.Message);
        Assert.Empty(publisher.Published);
    }

    private static byte[] PublicKeyOf(string pem, AcmeKeyType type)
    {
        if (type == AcmeKeyType.EcP256)
        {
            using var ec = ECDsa.Create();
            ec.ImportFromPem(pem);
            return ec.ExportSubjectPublicKeyInfo();
        }
        using var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return rsa.ExportSubjectPublicKeyInfo();
    }
}
