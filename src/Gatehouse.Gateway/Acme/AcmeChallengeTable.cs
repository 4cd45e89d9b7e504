using System.Net.Security;
using Gatehouse.Acme;
using Gatehouse.Core.Acme;

namespace Gatehouse.Gateway.Acme;

/// <summary>
/// The challenge answers this gateway serves (DESIGN.md §12): http-01 key authorizations by token and, per name, the
/// prebuilt TLS options that present the RFC 8737 certificate. Replaced whole in one write, as the snapshot is; the
/// certificates are built when an answer arrives, never in a handshake.
/// </summary>
public sealed class AcmeChallengeTable(TimeProvider time)
{
    private volatile Tables _current = new(new Dictionary<string, ChallengeRecord>(StringComparer.Ordinal),
        new Dictionary<string, (ChallengeRecord, SslServerAuthenticationOptions)>(StringComparer.Ordinal));

    /// <summary>The key authorization to answer for an http-01 token, or null when no such challenge is pending.</summary>
    public string? HttpAnswer(string token) =>
        _current.Http.TryGetValue(token, out var record) && record.ExpiresAt > time.GetUtcNow() ? record.KeyAuthorization : null;

    /// <summary>The options presenting the tls-alpn-01 certificate for <paramref name="normalizedName"/>, or null.</summary>
    public SslServerAuthenticationOptions? AlpnOptions(string normalizedName) =>
        _current.Alpn.TryGetValue(normalizedName, out var entry) && entry.Record.ExpiresAt > time.GetUtcNow() ? entry.Options : null;

    /// <summary>Replaces every answer with <paramref name="records"/>; certificates of answers already built are kept.</summary>
    public void Replace(IEnumerable<ChallengeRecord> records)
    {
        var old = _current;
        var http = new Dictionary<string, ChallengeRecord>(StringComparer.Ordinal);
        var alpn = new Dictionary<string, (ChallengeRecord, SslServerAuthenticationOptions)>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            if (record.Type == AcmeChallenge.Http01) http[record.Token] = record;
            else if (record.Type == AcmeChallenge.TlsAlpn01)
            {
                alpn[record.Domain] = old.Alpn.TryGetValue(record.Domain, out var kept) && kept.Record == record
                    ? kept
                    : (record, Build(record));
            }
        }
        _current = new Tables(http, alpn);
    }

    private SslServerAuthenticationOptions Build(ChallengeRecord record) => new()
    {
        ServerCertificateContext = SslStreamCertificateContext.Create(
            TlsAlpnCertificate.Create(record.Domain, record.KeyAuthorization, time.GetUtcNow()), null, offline: true),
        // RFC 8737 §3: the handshake must negotiate acme-tls/1, and nothing else is spoken on this connection.
        ApplicationProtocols = [new SslApplicationProtocol(TlsAlpnCertificate.Protocol)],
        ClientCertificateRequired = false,
    };

    private sealed record Tables(
        IReadOnlyDictionary<string, ChallengeRecord> Http,
        IReadOnlyDictionary<string, (ChallengeRecord Record, SslServerAuthenticationOptions Options)> Alpn);
}
