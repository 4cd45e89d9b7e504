using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gatehouse.Core.Validation;

namespace Gatehouse.Core.Ssl;

/// <summary>Reads a PEM field that must hold only certificates (the certificate chain, or a CA set).</summary>
internal static class CertificateReader
{
    /// <summary>Returns the certificates in order, or null after adding an error with <paramref name="invalidCode"/>.</summary>
    public static List<X509Certificate2>? Read(string pem, string field, string invalidCode, int maxCount,
        List<ValidationError> errors)
    {
        if (!PemSections.TryRead(pem, out var sections))
        {
            errors.Add(new(field, invalidCode, $"{field} is not well-formed PEM: expected one or more complete '-----BEGIN CERTIFICATE-----' sections."));
            return null;
        }
        if (sections.Any(s => s.Label != "CERTIFICATE"))
        {
            var holdsKey = sections.Any(s => s.Label.Contains("PRIVATE KEY", StringComparison.Ordinal));
            errors.Add(new(field, invalidCode, holdsKey
                ? $"{field} contains a private key section; it accepts only CERTIFICATE sections (the key belongs in private_key)."
                : $"{field} contains a section that is not a CERTIFICATE; it accepts only CERTIFICATE sections."));
            return null;
        }
        if (sections.Count > maxCount)
        {
            errors.Add(new(field, invalidCode, $"{field} holds {sections.Count} certificates; at most {maxCount} are accepted."));
            return null;
        }
        var certificates = new List<X509Certificate2>(sections.Count);
        for (var i = 0; i < sections.Count; i++)
        {
            try
            {
                var certificate = X509CertificateLoader.LoadCertificate(sections[i].Der);
                Probe(certificate);
                certificates.Add(certificate);
            }
            catch (Exception e) when (CryptoFailures.IsDamagedInput(e))
            {
                errors.Add(new(field, invalidCode, $"Certificate #{i + 1} in {field} is not a valid X.509 certificate."));
                return null;
            }
        }
        return certificates;
    }

    /// <summary>
    /// Decodes now what X509Certificate2 decodes lazily (names, extensions, public key), so a damaged
    /// certificate is refused here rather than failing later in a property getter.
    /// </summary>
    private static void Probe(X509Certificate2 certificate)
    {
        _ = DistinguishedNames.ToRfc4514(certificate.SubjectName);
        _ = DistinguishedNames.ToRfc4514(certificate.IssuerName);
        _ = KeyAlgorithms.Describe(certificate);
        _ = (certificate.NotBefore, certificate.NotAfter, certificate.SerialNumber, certificate.SignatureAlgorithm.Value);
        _ = certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var extension in certificate.Extensions)
        {
            switch (extension)
            {
                case X509EnhancedKeyUsageExtension eku: _ = eku.EnhancedKeyUsages.Count; break;
                case X509BasicConstraintsExtension constraints: _ = constraints.CertificateAuthority; break;
                case X509KeyUsageExtension usage: _ = usage.KeyUsages; break;
                case X509SubjectKeyIdentifierExtension ski: _ = ski.SubjectKeyIdentifier; break;
            }
        }
    }
}
