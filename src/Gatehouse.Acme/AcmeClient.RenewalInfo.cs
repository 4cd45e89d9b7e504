using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Gatehouse.Acme;

public sealed partial class AcmeClient
{
    /// <summary>
    /// Asks the CA when <paramref name="certificate"/> should be renewed (RFC 9773 §4.2: an unauthenticated GET of
    /// renewalInfo/{certID}). Null when the CA offers no renewalInfo or the certificate has no Authority Key Identifier.
    /// </summary>
    public async Task<RenewalWindow?> GetRenewalInfoAsync(X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        var directory = await DirectoryAsync(cancellationToken);
        if (directory.RenewalInfo is null || AriCertificateId.For(certificate) is not { } certId) return null;
        var url = new Uri(directory.RenewalInfo.AbsoluteUri.TrimEnd('/') + "/" + certId);
        using var response = await http.GetAsync(url, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode) throw new AcmeException(AcmeProblem.Parse(body, (int)response.StatusCode));
        try
        {
            var info = JsonSerializer.Deserialize<RenewalInfoDocument>(body, AcmeJson.Options);
            if (info?.SuggestedWindow is not { } window || window.End < window.Start)
                throw new AcmeException(new AcmeProblem(null, "The CA's renewalInfo has no usable suggestedWindow.", null));
            return new RenewalWindow(window.Start, window.End, info.ExplanationUrl,
                RetryAfter.Read(response.Headers.RetryAfter, time.GetUtcNow()));
        }
        catch (JsonException)
        {
            throw new AcmeException(new AcmeProblem(null, "The CA sent a renewalInfo that is not valid JSON of the expected shape.", null));
        }
    }

    private sealed record RenewalInfoDocument(SuggestedWindow? SuggestedWindow, string? ExplanationUrl);

    private sealed record SuggestedWindow(DateTimeOffset Start, DateTimeOffset End);
}
