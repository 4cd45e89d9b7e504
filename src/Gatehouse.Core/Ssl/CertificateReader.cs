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
                certificates.Add(X509CertificateLoader.LoadCertificate(sections[i].Der));
            }
            catch (CryptographicException)
            {
                errors.Add(new(field, invalidCode, $"Certificate #{i + 1} in {field} is not a valid X.509 certificate."));
                return null;
            }
        }
        return certificates;
    }
}
