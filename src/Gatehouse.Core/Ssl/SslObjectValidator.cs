using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gatehouse.Core.Revocation;
using Gatehouse.Core.Tls;
using Gatehouse.Core.Validation;

namespace Gatehouse.Core.Ssl;

/// <summary>
/// Validates an SSL object as one unit and reports every error at once (DESIGN.md §2): certificate and chain,
/// private key, key match, type vs EKU, CA set, names.
/// </summary>
public static class SslObjectValidator
{
    /// <summary>Returns the validated object, or throws <see cref="ValidationErrors"/> listing every problem.</summary>
    public static ValidatedSslObject Validate(SslObjectInput input, DateTimeOffset now)
    {
        var errors = new List<ValidationError>();
        var facts = CertificateInspector.Inspect(input.CertificatePem, input.CaCertificatePem, input.Type, input.Fallback, now, errors);
        var revocation = CrlReader.Read(input.Crl, input.CrlStrict, facts?.CaCertificates ?? [], errors);
        using var key = ReadKey(input.PrivateKeyPem, "private_key", errors);
        CheckLabels(input.Labels, errors);
        Names.ObjectNames.Check(input.Name, "name", errors);
        if (facts is not null && key is not null && !KeyMatches(facts.Leaf, key))
            errors.Add(KeyMismatch("private_key", "certificate", input.KeyIsStored));
        var policy = TlsPolicyValidator.Validate(input.MinTlsVersion, input.Tls12CipherSuites, input.Type, errors);
        var altWarnings = new List<string>();
        var (alt, altKey) = ValidateAlt(input, facts, now, errors, altWarnings);
        using var altKeyScope = altKey;
        if (errors.Count > 0 || facts is null || key is null || policy is null || revocation is null) throw new ValidationErrors(errors);

        AddSuiteWarnings(policy, facts, alt, altWarnings);
        return new ValidatedSslObject(
            facts,
            Pem(facts.Leaf, facts.Intermediates),
            facts.CaCertificates.Count > 0 ? Pem(facts.CaCertificates[0], facts.CaCertificates.Skip(1)) : null,
            PemEncoding.WriteString("PRIVATE KEY", key.ExportPkcs8PrivateKey()),
            revocation,
            CrlReader.ToPem(revocation))
        {
            Policy = policy,
            Alt = alt,
            AltCertificatePem = alt is null ? null : Pem(alt.Leaf, alt.Intermediates),
            AltPrivateKeyPkcs8Pem = altKey is null ? null : PemEncoding.WriteString("PRIVATE KEY", altKey.ExportPkcs8PrivateKey()),
            Warnings = [.. facts.Warnings, .. altWarnings],
        };
    }

    /// <summary>The alt certificate and key (both or neither), checked like the primary and against it.</summary>
    private static (AltCertificateFacts?, AsymmetricAlgorithm?) ValidateAlt(SslObjectInput input, CertificateFacts? primary,
        DateTimeOffset now, List<ValidationError> errors, List<string> warnings)
    {
        if (input.AltCertificatePem is null)
        {
            if (input.AltPrivateKeyPem is not null && !input.AltKeyIsStored)
                errors.Add(new(AltCertificateInspector.Field, "missing_field", "alt_private_key was sent without alt_certificate: send both, or neither."));
            return (null, null);
        }
        var alt = AltCertificateInspector.Inspect(input.AltCertificatePem, primary, input.Type, errors, warnings);
        if (input.Type != SslObjectType.Server) return (null, null);
        var key = ReadKey(input.AltPrivateKeyPem, "alt_private_key", errors);
        if (alt is not null && key is not null && !KeyMatches(alt.Leaf, key))
            errors.Add(KeyMismatch("alt_private_key", "alt_certificate", input.AltKeyIsStored));
        if (alt?.WarningAt(now) is { } validity) warnings.Add(validity);
        return (alt, key);
    }

    /// <summary>A TLS 1.2 suite list that leaves one of the certificates without a usable suite is allowed, but said.</summary>
    private static void AddSuiteWarnings(TlsPolicy policy, CertificateFacts facts, AltCertificateFacts? alt, List<string> warnings)
    {
        if (policy.MinTlsVersion != TlsVersions.Tls12) return;
        var hasEcdsa = facts.KeyAlgorithm.StartsWith("EC ", StringComparison.Ordinal) || alt is { IsEcdsa: true };
        var hasRsa = !facts.KeyAlgorithm.StartsWith("EC ", StringComparison.Ordinal) || alt is { IsEcdsa: false };
        var ecdsaSuites = policy.Tls12CipherSuites.Count(Tls12CipherSuites.IsEcdsa);
        if (hasEcdsa && !hasRsa && ecdsaSuites == 0)
            warnings.Add("tls12_cipher_suites has no TLS_ECDHE_ECDSA_* suite for the ECDSA certificate: TLS 1.2 clients cannot connect.");
        if (hasRsa && !hasEcdsa && ecdsaSuites == policy.Tls12CipherSuites.Count)
            warnings.Add("tls12_cipher_suites has no TLS_ECDHE_RSA_* suite for the RSA certificate: TLS 1.2 clients cannot connect.");
    }

    private static ValidationError KeyMismatch(string keyField, string certificateField, bool keyIsStored) => keyIsStored
        ? new(keyField, "missing_field", $"The new {certificateField} has a different public key than the stored {keyField}: send its {keyField} too.")
        : new(keyField, "key_mismatch", $"{keyField} does not belong to the leaf certificate (the first one in {certificateField}).");

    private static AsymmetricAlgorithm? ReadKey(string? pem, string field, List<ValidationError> errors)
    {
        if (!string.IsNullOrWhiteSpace(pem)) return PrivateKeyReader.Read(pem, errors, field);
        errors.Add(new(field, "missing_field", field == "private_key"
            ? "private_key is required: the PEM private key of the leaf certificate."
            : "alt_private_key is required with alt_certificate: the PEM private key of its leaf certificate."));
        return null;
    }

    private static void CheckLabels(IReadOnlyList<string> labels, List<ValidationError> errors)
    {
        if (labels.Count > 64) errors.Add(new("labels", "invalid_parameter", "At most 64 labels are accepted."));
        if (labels.Any(l => l.Length is 0 or > 128 || l.Any(char.IsControl)))
            errors.Add(new("labels", "invalid_parameter", "Each label must be 1 to 128 printable characters."));
    }

    /// <summary>True when <paramref name="key"/> is the private half of <paramref name="leaf"/>'s public key.</summary>
    internal static bool KeyMatches(X509Certificate2 leaf, AsymmetricAlgorithm key)
    {
        try
        {
            // CopyWithPrivateKey compares the key's public half with the certificate's and throws on a mismatch.
            using var withKey = key switch
            {
                RSA rsa => leaf.CopyWithPrivateKey(rsa),
                ECDsa ec => leaf.CopyWithPrivateKey(ec),
                _ => null,
            };
            return withKey is not null;
        }
        catch (Exception e) when (CryptoFailures.IsDamagedInput(e))
        {
            return false;
        }
    }

    private static string Pem(X509Certificate2 first, IEnumerable<X509Certificate2> rest) =>
        string.Concat(new[] { first }.Concat(rest).Select(c => PemEncoding.WriteString("CERTIFICATE", c.RawData) + "\n"));
}
