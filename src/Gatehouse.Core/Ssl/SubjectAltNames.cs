using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using Gatehouse.Core.Names;
using Gatehouse.Core.Validation;

namespace Gatehouse.Core.Ssl;

/// <summary>
/// Derives the <c>snis</c> of a leaf (DESIGN.md §2): its DNS SANs normalised, else the subject CN with a warning.
/// SAN forms other than a name or <c>*.</c> + name are ignored with a warning.
/// </summary>
internal static class SubjectAltNames
{
    /// <summary>
    /// subjectAltName entries (of any form) one object may carry: beyond this a certificate is hundreds of KB that
    /// clients refuse, and every name is an index entry (docs/decisions.md).
    /// </summary>
    public const int MaxEntries = 1000;

    private const string SanOid = "2.5.29.17";
    private static readonly Asn1Tag DnsNameTag = new(TagClass.ContextSpecific, 2);

    /// <param name="leaf">The leaf certificate.</param>
    /// <param name="warnings">Receives the warnings about names.</param>
    /// <param name="errors">Receives <c>invalid_certificate</c> when the leaf has more than <see cref="MaxEntries"/> entries.</param>
    public static IReadOnlyList<string> Derive(X509Certificate2 leaf, List<string> warnings, List<ValidationError> errors)
    {
        var extension = leaf.Extensions[SanOid];
        if (extension is null) return FromCommonName(leaf, warnings);

        var names = new SortedSet<string>(StringComparer.Ordinal);
        int ignoredForms = 0, invalidNames = 0;
        try
        {
            var reader = new AsnReader(extension.RawData, AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            for (var entries = 1; sequence.HasData; entries++)
            {
                if (entries > MaxEntries)
                {
                    errors.Add(new("certificate", "invalid_certificate",
                        $"The certificate has more than {MaxEntries} subjectAltName entries; split its names over several certificates."));
                    return [];
                }
                if (sequence.PeekTag() != DnsNameTag)
                {
                    sequence.ReadEncodedValue();
                    ignoredForms++;
                    continue;
                }
                var name = HostName.NormalizePattern(sequence.ReadCharacterString(UniversalTagNumber.IA5String, DnsNameTag));
                if (name is null) invalidNames++;
                else names.Add(name);
            }
        }
        catch (AsnContentException)
        {
            warnings.Add("The subjectAltName extension could not be decoded; no names were taken from it.");
            return [];
        }
        if (ignoredForms > 0)
            warnings.Add($"{ignoredForms} subjectAltName entr{(ignoredForms == 1 ? "y is" : "ies are")} not a DNS name (IP, URI, e-mail…) and cannot be selected by SNI; ignored.");
        if (invalidNames > 0)
            warnings.Add($"{invalidNames} DNS subjectAltName entr{(invalidNames == 1 ? "y is" : "ies are")} not a valid host name or wildcard (*.example.com); ignored.");
        return [.. names];
    }

    private static IReadOnlyList<string> FromCommonName(X509Certificate2 leaf, List<string> warnings)
    {
        var commonName = leaf.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        var name = HostName.NormalizePattern(commonName);
        if (name is null)
        {
            warnings.Add("The certificate has no subjectAltName extension and its subject CN is not a host name: no SNI selects it.");
            return [];
        }
        warnings.Add("The certificate has no subjectAltName extension; its subject CN is used as its name (clients increasingly reject this).");
        return [name];
    }
}
