using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gatehouse.Core.Revocation;

/// <summary>An OCSP CertID (RFC 6960 §4.1.1) with SHA-1 hashes, the form every responder accepts.</summary>
public sealed record OcspCertId(byte[] IssuerNameHash, byte[] IssuerKeyHash, string Serial)
{
    private const string Sha1 = "1.3.14.3.2.26";

    public static OcspCertId For(X509Certificate2 leaf, X509Certificate2 issuer) => new(
        SHA1.HashData(issuer.SubjectName.RawData),
        SHA1.HashData(issuer.PublicKey.EncodedKeyValue.RawData),
        SerialNumbers.Canonical(leaf.SerialNumberBytes.Span));

    /// <summary>The DER of an OCSPRequest for this one certificate, without nonce (so responders may cache it).</summary>
    public byte[] EncodeRequest(X509Certificate2 leaf)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        using (writer.PushSequence())
        using (writer.PushSequence())
        using (writer.PushSequence())
        {
            Write(writer, leaf.SerialNumberBytes.Span);
        }
        return writer.Encode();
    }

    private void Write(AsnWriter writer, ReadOnlySpan<byte> serial)
    {
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(Sha1);
                writer.WriteNull();
            }
            writer.WriteOctetString(IssuerNameHash);
            writer.WriteOctetString(IssuerKeyHash);
            writer.WriteInteger(serial);
        }
    }

    /// <summary>Reads a CertID; only SHA-1 CertIDs are compared (others never match).</summary>
    internal static OcspCertId? Read(AsnReader reader)
    {
        var sequence = reader.ReadSequence();
        var algorithm = sequence.ReadSequence().ReadObjectIdentifier();
        var nameHash = sequence.ReadOctetString();
        var keyHash = sequence.ReadOctetString();
        var serial = SerialNumbers.Canonical(sequence.ReadIntegerBytes().Span);
        return algorithm == Sha1 ? new OcspCertId(nameHash, keyHash, serial) : null;
    }

    public bool Matches(OcspCertId other) =>
        IssuerNameHash.AsSpan().SequenceEqual(other.IssuerNameHash) && IssuerKeyHash.AsSpan().SequenceEqual(other.IssuerKeyHash) && Serial == other.Serial;
}
