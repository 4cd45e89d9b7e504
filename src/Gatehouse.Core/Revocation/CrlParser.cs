using System.Formats.Asn1;

namespace Gatehouse.Core.Revocation;

/// <summary>Decodes the DER of a CRL (RFC 5280 §5.1) into the parts Gatehouse checks; throws on malformed input.</summary>
internal static class CrlParser
{
    public sealed record Parsed(
        byte[] TbsCertList,
        string SignatureAlgorithm,
        byte[] Signature,
        byte[] Issuer,
        DateTimeOffset ThisUpdate,
        DateTimeOffset? NextUpdate,
        HashSet<string> RevokedSerials);

    public static Parsed Parse(byte[] der)
    {
        var outer = new AsnReader(der, AsnEncodingRules.DER);
        var certificateList = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        var tbsBytes = certificateList.ReadEncodedValue().ToArray();
        var algorithm = certificateList.ReadSequence();
        var signatureAlgorithm = algorithm.ReadObjectIdentifier();
        var signature = certificateList.ReadBitString(out var unused);
        if (unused != 0) throw new AsnContentException("The signature has unused bits.");
        certificateList.ThrowIfNotEmpty();

        var tbs = new AsnReader(tbsBytes, AsnEncodingRules.DER).ReadSequence();
        if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer)) tbs.ReadInteger();
        var innerAlgorithm = tbs.ReadSequence().ReadObjectIdentifier();
        if (innerAlgorithm != signatureAlgorithm) throw new AsnContentException("The two signature algorithms differ.");
        var issuer = tbs.ReadEncodedValue().ToArray();
        var thisUpdate = ReadTime(tbs);
        DateTimeOffset? nextUpdate = null;
        if (tbs.HasData && IsTime(tbs.PeekTag())) nextUpdate = ReadTime(tbs);
        var serials = new HashSet<string>(StringComparer.Ordinal);
        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            var revoked = tbs.ReadSequence();
            while (revoked.HasData)
            {
                var entry = revoked.ReadSequence();
                serials.Add(SerialNumbers.Canonical(entry.ReadIntegerBytes().Span));
            }
        }
        return new Parsed(tbsBytes, signatureAlgorithm, signature, issuer, thisUpdate, nextUpdate, serials);
    }

    private static bool IsTime(Asn1Tag tag) =>
        tag.HasSameClassAndValue(Asn1Tag.UtcTime) || tag.HasSameClassAndValue(Asn1Tag.GeneralizedTime);

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();
}
