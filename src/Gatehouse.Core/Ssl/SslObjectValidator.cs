using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gatehouse.Core.Revocation;
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
        using var key = ReadKey(input.PrivateKeyPem, errors);
        CheckLabels(input.Labels, errors);
        if (facts is not null && key is not null && !KeyMatches(facts.Leaf, key))
        {
            errors.Add(input.KeyIsStored
                ? new("private_key", "missing_field", "The new certificate has a different public key than the stored private key: send its private_key too.")
                : new("private_key", "key_mismatch", "The private key does not belong to the leaf certificate (the first one in certificate)."));
        }
        if (errors.Count > 0 || facts is null || key is null || revocation is null) throw new ValidationErrors(errors);

        return new ValidatedSslObject(
            facts,
            Pem(facts.Leaf, facts.Intermediates),
            facts.CaCertificates.Count > 0 ? Pem(facts.CaCertificates[0], facts.CaCertificates.Skip(1)) : null,
            PemEncoding.WriteString("PRIVATE KEY", key.ExportPkcs8PrivateKey()),
            revocation,
            CrlReader.ToPem(revocation));
    }

    private static AsymmetricAlgorithm? ReadKey(string? pem, List<ValidationError> errors)
    {
        if (!string.IsNullOrWhiteSpace(pem)) return PrivateKeyReader.Read(pem, errors);
        errors.Add(new("private_key", "missing_field", "private_key is required: the PEM private key of the leaf certificate."));
        return null;
    }

    private static void CheckLabels(IReadOnlyList<string> labels, List<ValidationError> errors)
    {
        if (labels.Count > 64) errors.Add(new("labels", "invalid_parameter", "At most 64 labels are accepted."));
        if (labels.Any(l => l.Length is 0 or > 128 || l.Any(char.IsControl)))
            errors.Add(new("labels", "invalid_parameter", "Each label must be 1 to 128 printable characters."));
    }

    private static bool KeyMatches(X509Certificate2 leaf, AsymmetricAlgorithm key)
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
