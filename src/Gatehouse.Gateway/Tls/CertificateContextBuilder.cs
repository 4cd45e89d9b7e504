using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gatehouse.Gateway.Tls;

/// <summary>
/// Builds a certificate context from a stored PEM chain (leaf first) and its decrypted key, at the least CPU a cold
/// handshake can pay (DESIGN.md §11: a cold object's first handshake ≤ 1.5× a warm one's CPU). OpenSSL 3 decodes
/// certificates and keys slowly, so each is decoded once: the leaf once (then joined to the key), the key once, and an
/// intermediate once per process (intermediates are shared by many objects and kept by their DER hash).
/// </summary>
/// <remarks>
/// The chain is built against a custom trust holding only a throwaway self-signed anchor that signs nothing: .NET then
/// never loads the system trust store (which costs more than the rest of the build: it fills and sorts an OpenSSL store
/// of every system root on each build) and the served chain is what the operator uploaded — the leaf, its intermediates
/// in path order, without a self-signed root (as before, when .NET trimmed it; it is now left out before the build, which
/// spares verifying its signature). The same
/// trust makes .NET check a client certificate's chain against nothing before the object's own validator runs
/// (<see cref="ClientCertificateValidator"/>, which never looks at .NET's verdict), instead of against the system store.
/// </remarks>
internal static class CertificateContextBuilder
{
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcOid = "1.2.840.10045.2.1";

    /// <summary>Distinct intermediates kept at most; past it the set is emptied and refilled by use (operators share a few).</summary>
    private const int MaxIntermediates = 4096;

    private static readonly ConcurrentDictionary<string, Issuer> Intermediates = new(StringComparer.Ordinal);
    private static readonly Lazy<SslCertificateTrust> NoTrust = new(CreateNoTrust);

    /// <summary>The leaf of <paramref name="chainPem"/> joined to <paramref name="keyPem"/>, with its intermediates, built offline.</summary>
    public static SslStreamCertificateContext Build(string chainPem, ReadOnlySpan<char> keyPem)
    {
        var (leaf, intermediates) = Read(chainPem);
        using (leaf)
        {
            var withKey = JoinKey(leaf, keyPem);
            try
            {
                return SslStreamCertificateContext.Create(withKey, intermediates, offline: true, NoTrust.Value);
            }
            catch
            {
                withKey.Dispose(); // it holds the private key
                throw;
            }
        }
    }

    private static (X509Certificate2 Leaf, X509Certificate2Collection Intermediates) Read(string chainPem)
    {
        X509Certificate2? leaf = null;
        var intermediates = new X509Certificate2Collection();
        var rest = chainPem.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            var der = new byte[fields.DecodedDataLength];
            if (!Convert.TryFromBase64Chars(rest[fields.Base64Data], der, out var written))
                throw new CryptographicException("The stored certificate chain is not valid PEM.");
            var bytes = der.AsSpan(0, written);
            if (leaf is null) leaf = X509CertificateLoader.LoadCertificate(bytes);
            // A self-signed certificate is never served (the chain build would trim it, after checking its signature).
            else if (Intermediate(bytes) is { SelfSigned: false } issuer) intermediates.Add(issuer.Certificate);
            rest = rest[fields.Location.End..];
        }
        return leaf is null ? throw new CryptographicException("The stored certificate chain holds no certificate.") : (leaf, intermediates);
    }

    /// <summary>The intermediate with this DER, decoded on its first use in the process.</summary>
    internal static Issuer Intermediate(ReadOnlySpan<byte> der)
    {
        var hash = Convert.ToHexString(SHA256.HashData(der));
        if (Intermediates.TryGetValue(hash, out var known)) return known;
        if (Intermediates.Count >= MaxIntermediates) Intermediates.Clear();
        return Intermediates.GetOrAdd(hash, Issuer.Of(X509CertificateLoader.LoadCertificate(der)));
    }

    /// <summary>A decoded chain certificate and whether it is a self-signed root (names and key identifiers alike).</summary>
    internal sealed record Issuer(X509Certificate2 Certificate, bool SelfSigned)
    {
        public static Issuer Of(X509Certificate2 certificate)
        {
            var selfIssued = certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);
            var authority = certificate.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().FirstOrDefault()?.KeyIdentifier;
            var subject = certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault()?.SubjectKeyIdentifierBytes;
            var sameKey = authority is not { } a || subject is { } s && a.Span.SequenceEqual(s.Span);
            return new Issuer(certificate, selfIssued && sameKey);
        }
    }

    /// <summary>
    /// The leaf joined to the key, which <c>CopyWithPrivateKey</c> checks against the leaf's
    /// public key (a stored record edited so that its key is another certificate's is refused here).
    /// </summary>
    /// <remarks>
    /// On Linux the key is imported into an <see cref="ECDsaOpenSsl"/> / <see cref="RSAOpenSsl"/>: <c>ECDsa.Create()</c>
    /// hands back a wrapper that <c>CopyWithPrivateKey</c> does not recognise as an OpenSSL key, so it exported the private
    /// key and imported it a second time (with OpenSSL's key checks again) before joining it; an OpenSSL key is joined by
    /// its handle. That import cost ≈ 100-160 µs of each EC context build (bench/README.md, "Cold handshake").
    /// </remarks>
    private static X509Certificate2 JoinKey(X509Certificate2 leaf, ReadOnlySpan<char> keyPem)
    {
        switch (leaf.GetKeyAlgorithm())
        {
            case EcOid:
            {
                using var key = OperatingSystem.IsLinux() ? new ECDsaOpenSsl() : ECDsa.Create();
                key.ImportFromPem(keyPem);
                return leaf.CopyWithPrivateKey(key);
            }
            case RsaOid:
            {
                using var key = OperatingSystem.IsLinux() ? new RSAOpenSsl() : RSA.Create();
                key.ImportFromPem(keyPem);
                return leaf.CopyWithPrivateKey(key);
            }
            default:
                throw new NotSupportedException("The certificate's key algorithm cannot serve TLS.");
        }
    }

    private static SslCertificateTrust CreateNoTrust()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Gatehouse no-trust anchor", key, HashAlgorithmName.SHA256);
        var now = DateTimeOffset.UtcNow;
        using var anchor = request.CreateSelfSigned(now.AddMinutes(-1), now.AddYears(100));
        // Public part only: nothing can be signed by it once the key above is gone.
        var publicOnly = X509CertificateLoader.LoadCertificate(anchor.RawData);
        return SslCertificateTrust.CreateForX509Collection(new X509Certificate2Collection(publicOnly), sendTrustInHandshake: false);
    }
}
