using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Gatehouse.Acme.Tests;

/// <summary>
/// A fake CA that replays recorded exchanges in order and checks each request as a CA would: method and URL, a JWS
/// whose protected <c>url</c> is the request URL, whose <c>nonce</c> is the last one handed out, with exactly one of
/// <c>jwk</c>/<c>kid</c>, and whose signature verifies with the account's key.
/// </summary>
internal sealed class ReplayHandler(IReadOnlyList<RecordedExchange> script) : HttpMessageHandler
{
    private int _next;
    private string? _lastNonce;
    private JsonElement? _jwk;

    public List<JsonDocument> Payloads { get; } = [];

    public List<JsonElement> Headers { get; } = [];

    public bool Done => _next == script.Count;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Assert.True(_next < script.Count, $"unexpected request {request.Method} {request.RequestUri}");
        var expected = script[_next++];
        Assert.Equal(expected.Method, request.Method.Method);
        Assert.Equal(expected.Url, request.RequestUri!.AbsoluteUri);
        if (request.Method == HttpMethod.Post) await CheckJwsAsync(request, cancellationToken);

        var response = new HttpResponseMessage(expected.Status)
        {
            Content = new StringContent(expected.Body, Encoding.UTF8, expected.ContentType),
        };
        if (expected.Nonce is not null)
        {
            response.Headers.Add("Replay-Nonce", expected.Nonce);
            _lastNonce = expected.Nonce;
        }
        if (expected.Location is not null) response.Headers.Location = new Uri(expected.Location);
        if (expected.RetryAfter is not null) response.Headers.TryAddWithoutValidation("Retry-After", expected.RetryAfter);
        return response;
    }

    private async Task CheckJwsAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Assert.Equal("application/jose+json", request.Content!.Headers.ContentType!.MediaType);
        using var jws = JsonDocument.Parse(await request.Content.ReadAsStringAsync(cancellationToken));
        var protectedPart = jws.RootElement.GetProperty("protected").GetString()!;
        var payloadPart = jws.RootElement.GetProperty("payload").GetString()!;
        var signature = Base64Url.DecodeFromChars(jws.RootElement.GetProperty("signature").GetString()!);
        var header = JsonDocument.Parse(Base64Url.DecodeFromChars(protectedPart)).RootElement.Clone();
        Headers.Add(header);
        Assert.Equal(request.RequestUri!.AbsoluteUri, header.GetProperty("url").GetString());
        Assert.Equal(_lastNonce, header.GetProperty("nonce").GetString());
        var hasJwk = header.TryGetProperty("jwk", out var jwk);
        Assert.NotEqual(hasJwk, header.TryGetProperty("kid", out _));
        if (hasJwk) _jwk = jwk.Clone();
        Assert.True(_jwk is not null, "a kid request before the account's key was seen");
        var signed = Encoding.ASCII.GetBytes(protectedPart + "." + payloadPart);
        Assert.True(Verify(_jwk!.Value, header.GetProperty("alg").GetString()!, signed, signature), "JWS signature does not verify");
        Payloads.Add(JsonDocument.Parse(payloadPart.Length == 0 ? "null" : Encoding.UTF8.GetString(Base64Url.DecodeFromChars(payloadPart))));
    }

    private static bool Verify(JsonElement jwk, string alg, byte[] data, byte[] signature)
    {
        byte[] B(string name) => Base64Url.DecodeFromChars(jwk.GetProperty(name).GetString()!);
        if (alg == "ES256")
        {
            using var ec = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = B("x"), Y = B("y") } });
            return ec.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        using var rsa = RSA.Create(new RSAParameters { Modulus = B("n"), Exponent = B("e") });
        return alg == "RS256" && rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }
}
