using System.Security.Cryptography.X509Certificates;
using Gatehouse.Core.Validation;

namespace Gatehouse.Core.Ssl;

/// <summary>
/// The key-free half of SSL object validation (DESIGN.md §2): chain parse and order, type vs EKU, CA set,
/// names, and the warnings. Used on writes and again when a stored object is loaded.
/// </summary>
internal static class CertificateInspector
{
    public const int MaxChainLength = 10;
    public const int MaxCaCertificates = 100;

    /// <summary>Above this many DER bytes of leaf and intermediates, a warning: clients commonly cap the certificate message.</summary>
    public const int LargeChainBytes = 64 * 1024;
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";
    private const string AnyExtendedKeyUsage = "2.5.29.37.0";
    private static readonly HashSet<string> Sha1Signatures = ["1.2.840.113549.1.1.5", "1.2.840.10045.4.1", "1.2.840.10040.4.3"];

    /// <summary>Inspects the certificate and CA fields; adds every problem to <paramref name="errors"/>.</summary>
    public static CertificateFacts? Inspect(string? certificatePem, string? caCertificatePem, SslObjectType type,
        bool fallback, DateTimeOffset now, List<ValidationError> errors)
    {
        var warnings = new List<string>();
        List<X509Certificate2>? chain = null;
        if (string.IsNullOrWhiteSpace(certificatePem))
            errors.Add(new("certificate", "missing_field", "certificate is required: the PEM of the leaf certificate, then its intermediates."));
        else
            chain = CertificateReader.Read(certificatePem, "certificate", "invalid_certificate", MaxChainLength, errors);

        List<X509Certificate2>? caSet = [];
        if (caCertificatePem is not null)
        {
            caSet = CertificateReader.Read(caCertificatePem, "ca_certificate", "invalid_ca_certificate", MaxCaCertificates, errors);
            if (caSet is not null) CheckCaSet(caSet, now, errors, warnings);
        }
        if (fallback && type != SslObjectType.Server)
            errors.Add(new("fallback", "invalid_parameter", "Only a server SSL object can be the fallback."));
        if (chain is null) return null;

        var leaf = chain[0];
        CheckOrder(chain, "certificate", errors);
        CheckExtendedKeyUsage(leaf, type, "type", errors);
        var errorsBeforeNames = errors.Count;
        var snis = SubjectAltNames.Derive(leaf, warnings, errors);
        if (type == SslObjectType.Server && snis.Count == 0 && !fallback && errors.Count == errorsBeforeNames)
            errors.Add(new("certificate", "invalid_certificate", "A server certificate needs a DNS subjectAltName (or a CN host name) to be selected by SNI, unless the object is the fallback."));
        AddValidityWarnings(chain, now, warnings);
        if (chain.Sum(c => c.RawData.Length) > LargeChainBytes)
            warnings.Add("The certificate chain is larger than 64 KiB: many TLS clients refuse a certificate message that large.");
        return caSet is null ? null : new CertificateFacts(leaf, chain[1..], caSet, snis, warnings);
    }

    internal static void CheckOrder(List<X509Certificate2> chain, string field, List<ValidationError> errors)
    {
        for (var i = 0; i + 1 < chain.Count; i++)
        {
            if (!chain[i].IssuerName.RawData.AsSpan().SequenceEqual(chain[i + 1].SubjectName.RawData))
            {
                errors.Add(new(field, "invalid_chain",
                    $"Certificate #{i + 2} is not the issuer of certificate #{i + 1}: order the chain leaf first, then each issuer."));
                return;
            }
        }
    }

    internal static void CheckExtendedKeyUsage(X509Certificate2 leaf, SslObjectType type, string field, List<ValidationError> errors)
    {
        var eku = leaf.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
        if (eku is null) return;
        var usages = eku.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value).ToHashSet();
        var needed = type == SslObjectType.Server ? ServerAuth : ClientAuth;
        if (!usages.Contains(needed) && !usages.Contains(AnyExtendedKeyUsage))
        {
            errors.Add(new(field, "type_mismatch", type == SslObjectType.Server
                ? "The certificate's extended key usage does not allow serverAuth, so it cannot be a server object."
                : "The certificate's extended key usage does not allow clientAuth, so it cannot be a client object."));
        }
    }

    private static void CheckCaSet(List<X509Certificate2> caSet, DateTimeOffset now, List<ValidationError> errors, List<string> warnings)
    {
        for (var i = 0; i < caSet.Count; i++)
        {
            var constraints = caSet[i].Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
            if (constraints is not { CertificateAuthority: true })
            {
                errors.Add(new("ca_certificate", "invalid_ca_certificate",
                    $"Certificate #{i + 1} in ca_certificate is not a CA certificate (basicConstraints CA=true is required)."));
            }
            else if (caSet[i].NotAfter.ToUniversalTime() < now.UtcDateTime)
            {
                warnings.Add($"CA certificate #{i + 1} has expired: client certificates it issued will be refused.");
            }
        }
    }

    private static void AddValidityWarnings(List<X509Certificate2> chain, DateTimeOffset now, List<string> warnings)
    {
        var leaf = chain[0];
        if (leaf.NotAfter.ToUniversalTime() < now.UtcDateTime) warnings.Add(CertificateFacts.ExpiredWarning);
        else if (leaf.NotBefore.ToUniversalTime() > now.UtcDateTime) warnings.Add(CertificateFacts.NotYetValidWarning);
        AddSha1Warnings(chain, "Certificate", warnings);
    }

    /// <summary>Warns about each non-root certificate of <paramref name="chain"/> signed with SHA-1.</summary>
    internal static void AddSha1Warnings(List<X509Certificate2> chain, string noun, List<string> warnings)
    {
        for (var i = 0; i < chain.Count; i++)
        {
            if (chain[i].SignatureAlgorithm.Value is { } oid && Sha1Signatures.Contains(oid) && !IsSelfSigned(chain[i]))
                warnings.Add($"{noun} #{i + 1} is signed with SHA-1, which clients reject.");
        }
    }

    private static bool IsSelfSigned(X509Certificate2 certificate) =>
        certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);
}
