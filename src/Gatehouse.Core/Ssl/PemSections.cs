using System.Security.Cryptography;

namespace Gatehouse.Core.Ssl;

/// <summary>Splits PEM text into its sections with the BCL's <see cref="PemEncoding"/>.</summary>
internal static class PemSections
{
    public readonly record struct Section(string Label, byte[] Der);

    /// <summary>
    /// Every well-formed section in order. Explanatory text between sections (as openssl writes
    /// "subject=…" lines) is allowed, but a <c>-----BEGIN</c> that does not start a well-formed section makes
    /// the whole text invalid, so truncated input is refused rather than half-read.
    /// </summary>
    public static bool TryRead(string text, out List<Section> sections)
    {
        sections = [];
        var rest = text.AsSpan();
        while (true)
        {
            if (!PemEncoding.TryFind(rest, out var fields))
            {
                return sections.Count > 0 && !rest.Contains("-----BEGIN", StringComparison.Ordinal);
            }
            if (rest[..fields.Location.Start].Contains("-----BEGIN", StringComparison.Ordinal)) return false;
            var der = new byte[fields.DecodedDataLength];
            if (!Convert.TryFromBase64Chars(rest[fields.Base64Data], der, out var written)) return false;
            sections.Add(new Section(rest[fields.Label].ToString(), der[..written]));
            rest = rest[fields.Location.End..];
        }
    }
}
