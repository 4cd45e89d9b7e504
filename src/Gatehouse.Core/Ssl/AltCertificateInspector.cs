using Gatehouse.Core.Validation;

namespace Gatehouse.Core.Ssl;

/// <summary>
/// The key-free checks of <c>alt_certificate</c> (issue 17): parsed and ordered like the primary chain, allowed for
/// serverAuth, on a server object, of the other key type than the primary, for exactly the same names.
/// </summary>
internal static class AltCertificateInspector
{
    public const string Field = "alt_certificate";

    /// <summary>The alt facts, or null after adding every problem to <paramref name="errors"/>.</summary>
    public static AltCertificateFacts? Inspect(string pem, CertificateFacts? primary, SslObjectType type,
        List<ValidationError> errors, List<string> warnings)
    {
        if (type != SslObjectType.Server)
        {
            errors.Add(new(Field, "invalid_parameter", "alt_certificate applies to server objects only."));
            return null;
        }
        var chain = CertificateReader.Read(pem, Field, "invalid_certificate", CertificateInspector.MaxChainLength, errors);
        if (chain is null) return null;
        var count = errors.Count;
        CertificateInspector.CheckOrder(chain, Field, errors);
        CertificateInspector.CheckExtendedKeyUsage(chain[0], type, Field, errors);
        var facts = new AltCertificateFacts(chain[0], chain[1..]);
        if (primary is not null)
        {
            var primaryIsEcdsa = primary.KeyAlgorithm.StartsWith("EC ", StringComparison.Ordinal);
            if (primaryIsEcdsa == facts.IsEcdsa)
            {
                errors.Add(new(Field, "alt_mismatch", primaryIsEcdsa
                    ? "alt_certificate must have the other key type than certificate: certificate is ECDSA, so alt_certificate must be RSA."
                    : "alt_certificate must have the other key type than certificate: certificate is RSA, so alt_certificate must be ECDSA."));
            }
            var names = SubjectAltNames.Derive(chain[0], [], []);
            if (!names.Order(StringComparer.Ordinal).SequenceEqual(primary.Snis.Order(StringComparer.Ordinal), StringComparer.Ordinal))
            {
                errors.Add(new(Field, "alt_mismatch",
                    "alt_certificate must name exactly the same host names as certificate (its subjectAltName list differs)."));
            }
        }
        CertificateInspector.AddSha1Warnings(chain, "Alt certificate", warnings);
        return errors.Count > count ? null : facts;
    }

    /// <summary>The alt certificate of a stored object, re-checked against its primary facts.</summary>
    internal static AltCertificateFacts Load(string pem, CertificateFacts primary, SslObjectType type)
    {
        var errors = new List<ValidationError>();
        var facts = Inspect(pem, primary, type, errors, []);
        if (facts is null || errors.Count > 0) throw new ValidationErrors(errors);
        return facts;
    }

    /// <summary>The chain as canonical PEM, leaf first.</summary>
    internal static string Pem(AltCertificateFacts facts) =>
        string.Concat(new[] { facts.Leaf }.Concat(facts.Intermediates).Select(c => c.ExportCertificatePem() + "\n"));
}
