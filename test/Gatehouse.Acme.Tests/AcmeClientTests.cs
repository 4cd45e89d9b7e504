using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Gatehouse.Acme.Tests;

public sealed class AcmeClientTests
{
    private const string BadNonceBody = """{"type":"urn:ietf:params:acme:error:badNonce","detail":"JWS has an invalid anti-replay nonce: \"n2\"","status":400}""";

    [Fact]
    public async Task A_badNonce_refusal_is_sent_again_with_the_fresh_nonce_it_carried()
    {
        var account = PebbleRecording.Account();
        var replay = new ReplayHandler([account[0], account[1],
            new RecordedExchange("POST", PebbleRecording.Base + "/sign-me-up", HttpStatusCode.BadRequest, BadNonceBody, Nonce: "fresh",
                ContentType: "application/problem+json"),
            account[2]]);
        using var key = AcmeKey.Create(AcmeKeyType.EcP256);
        var client = new AcmeClient(new HttpClient(replay), new Uri(PebbleRecording.Directory), key, TimeProvider.System);

        await client.NewAccountAsync(["mailto:ops@a.test"], null, default);

        Assert.True(replay.Done);
        Assert.Equal(["n1", "fresh"], replay.Headers.Select(h => h.GetProperty("nonce").GetString()));
    }

    [Fact]
    public async Task BadNonce_retries_are_bounded_and_then_reported()
    {
        var account = PebbleRecording.Account();
        var refusals = Enumerable.Range(0, 4).Select(i => new RecordedExchange("POST", PebbleRecording.Base + "/sign-me-up",
            HttpStatusCode.BadRequest, BadNonceBody, Nonce: "r" + i));
        var replay = new ReplayHandler([account[0], account[1], .. refusals]);
        using var key = AcmeKey.Create(AcmeKeyType.EcP256);
        var client = new AcmeClient(new HttpClient(replay), new Uri(PebbleRecording.Directory), key, TimeProvider.System);

        var failure = await Assert.ThrowsAsync<AcmeException>(() => client.NewAccountAsync([], null, default));
        Assert.True(failure.Problem.IsBadNonce);
        Assert.True(replay.Done);
    }

    [Fact]
    public async Task A_rate_limit_carries_the_CAs_Retry_After()
    {
        var account = PebbleRecording.Account();
        var replay = new ReplayHandler([account[0], account[1],
            new RecordedExchange("POST", PebbleRecording.Base + "/sign-me-up", HttpStatusCode.TooManyRequests,
                """{"type":"urn:ietf:params:acme:error:rateLimited","detail":"too many new accounts","status":429}""", Nonce: "n2", RetryAfter: "120")]);
        using var key = AcmeKey.Create(AcmeKeyType.EcP256);
        var client = new AcmeClient(new HttpClient(replay), new Uri(PebbleRecording.Directory), key, TimeProvider.System);

        var failure = await Assert.ThrowsAsync<AcmeException>(() => client.NewAccountAsync([], null, default));
        Assert.Equal(TimeSpan.FromSeconds(120), failure.RetryAfter);
        Assert.Equal("rateLimited: too many new accounts", failure.Message);
    }

    [Fact]
    public async Task An_external_account_binding_is_the_account_jwk_MACed_with_the_CAs_key_for_the_newAccount_url()
    {
        var replay = new ReplayHandler(PebbleRecording.Account());
        using var key = AcmeKey.Create(AcmeKeyType.Rsa2048);
        var mac = RandomNumberGenerator.GetBytes(32);
        var client = new AcmeClient(new HttpClient(replay), new Uri(PebbleRecording.Directory), key, TimeProvider.System);

        await client.NewAccountAsync(["mailto:ops@a.test"], ("kid-1", mac), default);

        var eab = replay.Payloads[0].RootElement.GetProperty("externalAccountBinding");
        var protectedPart = eab.GetProperty("protected").GetString()!;
        var payloadPart = eab.GetProperty("payload").GetString()!;
        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(protectedPart));
        Assert.Equal("HS256", header.RootElement.GetProperty("alg").GetString());
        Assert.Equal("kid-1", header.RootElement.GetProperty("kid").GetString());
        Assert.Equal(PebbleRecording.Base + "/sign-me-up", header.RootElement.GetProperty("url").GetString());
        Assert.False(header.RootElement.TryGetProperty("nonce", out _));
        Assert.Equal(key.JwkJson(), Encoding.UTF8.GetString(Base64Url.DecodeFromChars(payloadPart)));
        var expected = HMACSHA256.HashData(mac, Encoding.ASCII.GetBytes(protectedPart + "." + payloadPart));
        Assert.Equal(expected, Base64Url.DecodeFromChars(eab.GetProperty("signature").GetString()!));
    }

    [Fact]
    public async Task Requests_before_an_account_exists_are_refused_locally()
    {
        var replay = new ReplayHandler([new("GET", PebbleRecording.Directory, HttpStatusCode.OK, PebbleRecording.DirectoryBody())]);
        using var key = AcmeKey.Create(AcmeKeyType.EcP256);
        var client = new AcmeClient(new HttpClient(replay), new Uri(PebbleRecording.Directory), key, TimeProvider.System);
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.NewOrderAsync(["a.test"], null, default));
    }

    [Fact]
    public void Retry_After_reads_seconds_and_dates()
    {
        var now = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromSeconds(30), RetryAfter.Read(RetryConditionHeaderValue.Parse("30"), now));
        Assert.Equal(TimeSpan.FromMinutes(5), RetryAfter.Read(RetryConditionHeaderValue.Parse("Sun, 29 Nov 2026 12:05:00 GMT"), now));
        Assert.Equal(TimeSpan.Zero, RetryAfter.Read(RetryConditionHeaderValue.Parse("Sun, 29 Nov 2026 11:00:00 GMT"), now));
        Assert.Null(RetryAfter.Read(null, now));
    }

    [Theory]
    [InlineData(AcmeKeyType.EcP256)]
    [InlineData(AcmeKeyType.Rsa2048)]
    public void An_account_key_survives_its_PEM_with_the_same_thumbprint(AcmeKeyType type)
    {
        using var key = AcmeKey.Create(type);
        using var again = AcmeKey.FromPkcs8Pem(key.ExportPkcs8Pem());
        Assert.Equal(type, again.Type);
        Assert.Equal(key.Thumbprint(), again.Thumbprint());
    }

    [Fact]
    public void The_thumbprint_is_RFC_7638s()
    {
        // RFC 7638 §3.1's example key and thumbprint.
        const string n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
        Assert.Equal("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", AcmeKey.ThumbprintOf(AcmeKey.RsaJwk([1, 0, 1], Base64Url.DecodeFromChars(n))));
    }
}
