using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gatehouse.Core.Ssl;
using Gatehouse.Core.Validation;

namespace Gatehouse.Core.Revocation;

/// <summary>
/// Reads the <c>crl</c> field of an SSL object (DESIGN.md §12): PEM (<c>X509 CRL</c> sections) or one base64 DER CRL;
/// each must be signed by one of the object's CA certificates, at most one per CA. Every problem is reported.
/// </summary>
internal static class CrlReader
{
    public const int MaxLists = 100;
    private const string Field = "crl";
    private const string Code = "invalid_crl";

    /// <summary>The verified lists, or null after adding errors to <paramref name="errors"/>.</summary>
    public static RevocationLists? Read(string? text, bool strict, IReadOnlyList<X509Certificate2> caSet, List<ValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (!strict) return RevocationLists.None;
            errors.Add(new("crl_strict", "invalid_parameter", "crl_strict needs a crl: upload the CA's CRL with it."));
            return null;
        }
        if (caSet.Count == 0)
        {
            errors.Add(new(Field, Code, "crl needs ca_certificate: a CRL only applies to client certificates checked against the object's CA set."));
            return null;
        }
        var ders = Split(text, errors);
        if (ders is null) return null;
        var lists = new List<RevocationList>();
        var failed = false;
        for (var i = 0; i < ders.Count; i++)
        {
            var list = Verify(ders[i], i + 1, caSet, errors);
            if (list is null) { failed = true; continue; }
            if (lists.Any(l => l.Signer.RawData.AsSpan().SequenceEqual(list.Signer.RawData)))
            {
                errors.Add(new(Field, Code, $"CRL #{i + 1} comes from the same CA as an earlier one: give one CRL per CA (the newest)."));
                failed = true;
                continue;
            }
            lists.Add(list);
        }
        return failed ? null : new RevocationLists(lists, strict);
    }

    /// <summary>The lists as canonical PEM, for storage.</summary>
    public static string? ToPem(RevocationLists lists) => lists.Lists.Count == 0
        ? null
        : string.Concat(lists.Lists.Select(l => PemEncoding.WriteString("X509 CRL", l.Der) + "\n"));

    private static List<byte[]>? Split(string text, List<ValidationError> errors)
    {
        if (text.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            if (!PemSections.TryRead(text, out var sections) || sections.Any(s => s.Label != "X509 CRL"))
            {
                errors.Add(new(Field, Code, "crl is not well-formed: expected one or more complete '-----BEGIN X509 CRL-----' sections, or one base64 DER CRL."));
                return null;
            }
            if (sections.Count > MaxLists)
            {
                errors.Add(new(Field, Code, $"crl holds {sections.Count} CRLs; at most {MaxLists} are accepted."));
                return null;
            }
            return [.. sections.Select(s => s.Der)];
        }
        try
        {
            return [Convert.FromBase64String(string.Concat(text.Where(c => !char.IsWhiteSpace(c))))];
        }
        catch (FormatException)
        {
            errors.Add(new(Field, Code, "crl is neither PEM nor base64 DER: give the CRL as PEM ('-----BEGIN X509 CRL-----')."));
            return null;
        }
    }

    private static RevocationList? Verify(byte[] der, int number, IReadOnlyList<X509Certificate2> caSet, List<ValidationError> errors)
    {
        CrlParser.Parsed parsed;
        try
        {
            parsed = CrlParser.Parse(der);
        }
        catch (Exception e) when (CryptoFailures.IsDamagedInput(e))
        {
            errors.Add(new(Field, Code, $"CRL #{number} is not a valid X.509 CRL."));
            return null;
        }
        var signer = caSet.FirstOrDefault(ca => ca.SubjectName.RawData.AsSpan().SequenceEqual(parsed.Issuer)
            && SignatureVerifier.Verify(ca, parsed.SignatureAlgorithm, parsed.TbsCertList, parsed.Signature));
        if (signer is null)
        {
            errors.Add(new(Field, Code, $"CRL #{number} is not signed by any certificate in ca_certificate: upload the CRL of the object's own CA."));
            return null;
        }
        return new RevocationList(der, signer, parsed.ThisUpdate, parsed.NextUpdate, parsed.RevokedSerials);
    }
}
