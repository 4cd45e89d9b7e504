using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Net.Http.Headers;
using Gatehouse.Core.Revocation;
using Gatehouse.Core.Ssl;

namespace Gatehouse.ControlPlane.Lifecycle;

/// <summary>
/// Asks an object's OCSP responders about its leaf (RFC 6960 over HTTP POST) and verifies the answer. Runs in the
/// control plane's background loop only, never on a handshake. Errors are reasons, never response bytes or URLs.
/// </summary>
internal sealed class OcspFetcher : IDisposable
{
    private const int MaxResponseBytes = 64 * 1024;
    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        UseCookies = false,
    })
    { Timeout = TimeSpan.FromSeconds(10), MaxResponseContentBufferSize = MaxResponseBytes };

    /// <summary>The verified answer, or throws <see cref="OcspException"/> with a reason.</summary>
    public async Task<OcspAnswer> FetchAsync(CertificateFacts facts, TimeProvider time, CancellationToken cancellationToken)
    {
        var responders = facts.OcspResponders;
        if (responders.Count == 0) throw new OcspException("the certificate names no OCSP responder");
        (X509Certificate2 Leaf, IReadOnlyList<X509Certificate2> Intermediates) chain;
        try
        {
            chain = facts.ReadChain();
        }
        catch (CryptographicException)
        {
            throw new OcspException("the stored certificate chain no longer parses");
        }
        var leaf = chain.Leaf;
        var issuer = chain.Intermediates.FirstOrDefault()
            ?? throw new OcspException("the chain holds no issuer certificate to ask about the leaf (upload the intermediate)");
        var request = OcspCertId.For(leaf, issuer).EncodeRequest(leaf);
        var reason = "no responder answered";
        foreach (var url in responders)
        {
            try
            {
                using var content = new ByteArrayContent(request);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
                using var response = await _client.PostAsync(url, content, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    reason = $"the responder answered HTTP {(int)response.StatusCode}";
                    continue;
                }
                var der = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                return OcspResponseReader.Read(der, leaf, issuer, time.GetUtcNow());
            }
            catch (HttpRequestException e)
            {
                reason = $"the responder could not be reached ({e.HttpRequestError})";
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                reason = "the responder did not answer within 10 s";
            }
            catch (OcspException e)
            {
                reason = e.Message;
            }
        }
        throw new OcspException(reason);
    }

    public void Dispose() => _client.Dispose();
}
