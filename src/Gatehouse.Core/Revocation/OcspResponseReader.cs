using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gatehouse.Core.Revocation;

/// <summary>
/// Reads and verifies an OCSP response (RFC 6960 §4.2) for one certificate: successful status, a basic response signed
/// by the issuer or by a responder certificate the issuer signed for OCSP signing, a single response for this CertID,
/// and <c>thisUpdate</c>/<c>nextUpdate</c> around now. Throws <see cref="OcspException"/> with a reason otherwise.
/// </summary>
public static class OcspResponseReader
{
    private const string BasicResponse = "1.3.6.1.5.5.7.48.1.1";
    private const string OcspSigning = "1.3.6.1.5.5.7.3.9";
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    public static OcspAnswer Read(byte[] der, X509Certificate2 leaf, X509Certificate2 issuer, DateTimeOffset now)
    {
        try
        {
            return ReadCore(der, leaf, issuer, now);
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException or ArgumentException)
        {
            throw new OcspException("the response is not a well-formed OCSP response");
        }
    }

    private static OcspAnswer ReadCore(byte[] der, X509Certificate2 leaf, X509Certificate2 issuer, DateTimeOffset now)
    {
        var response = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        var status = response.ReadEnumeratedValue<ResponseStatus>();
        if (status != ResponseStatus.Successful) throw new OcspException($"the responder answered {status}");
        var bytes = response.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0)).ReadSequence();
        if (bytes.ReadObjectIdentifier() != BasicResponse) throw new OcspException("the response is not a basic OCSP response");
        var basic = new AsnReader(bytes.ReadOctetString(), AsnEncodingRules.DER).ReadSequence();
        var tbs = basic.ReadEncodedValue().ToArray();
        var algorithm = basic.ReadSequence().ReadObjectIdentifier();
        var signature = basic.ReadBitString(out _);
        var certs = new List<X509Certificate2>();
        if (basic.HasData)
        {
            var list = basic.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0)).ReadSequence();
            while (list.HasData) certs.Add(X509CertificateLoader.LoadCertificate(list.ReadEncodedValue().ToArray()));
        }
        if (!SignedByIssuerOrDelegate(algorithm, tbs, signature, issuer, certs, now))
            throw new OcspException("the response is not signed by the issuer or a responder it authorised");

        var data = new AsnReader(tbs, AsnEncodingRules.DER).ReadSequence();
        if (data.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0))) data.ReadEncodedValue();
        data.ReadEncodedValue(); // responderID
        data.ReadGeneralizedTime(); // producedAt
        var wanted = OcspCertId.For(leaf, issuer);
        var responses = data.ReadSequence();
        while (responses.HasData)
        {
            var single = responses.ReadSequence();
            var id = OcspCertId.Read(single);
            if (id is null || !id.Matches(wanted)) continue;
            return ReadSingle(single, der, now);
        }
        throw new OcspException("the response does not cover this certificate");
    }

    private static OcspAnswer ReadSingle(AsnReader single, byte[] der, DateTimeOffset now)
    {
        var tag = single.PeekTag();
        OcspStatus status;
        DateTimeOffset? revokedAt = null;
        if (tag.HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0))) { single.ReadNull(tag); status = OcspStatus.Good; }
        else if (tag.HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true)))
        {
            var revoked = single.ReadSequence(tag);
            revokedAt = revoked.ReadGeneralizedTime();
            status = OcspStatus.Revoked;
        }
        else { single.ReadNull(new Asn1Tag(TagClass.ContextSpecific, 2)); status = OcspStatus.Unknown; }
        var thisUpdate = single.ReadGeneralizedTime();
        DateTimeOffset? nextUpdate = null;
        if (single.HasData && single.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
            nextUpdate = single.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)).ReadGeneralizedTime();
        if (thisUpdate > now + Skew) throw new OcspException("the response's thisUpdate is in the future");
        if (nextUpdate is { } next && next < now) throw new OcspException("the response's nextUpdate has passed");
        return new OcspAnswer(status, thisUpdate, nextUpdate, revokedAt, der);
    }

    private static bool SignedByIssuerOrDelegate(string algorithm, byte[] tbs, byte[] signature, X509Certificate2 issuer,
        List<X509Certificate2> certs, DateTimeOffset now)
    {
        if (SignatureVerifier.Verify(issuer, algorithm, tbs, signature)) return true;
        foreach (var responder in certs)
        {
            // A delegated responder: issued by the same CA, for OCSP signing, valid now, and the response's signer.
            if (!responder.IssuerName.RawData.AsSpan().SequenceEqual(issuer.SubjectName.RawData)) continue;
            if (!SignatureVerifier.Verify(issuer, responder.SignatureAlgorithm.Value ?? "", TbsOf(responder), SignatureOf(responder))) continue;
            var eku = responder.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
            if (eku is null || !eku.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == OcspSigning)) continue;
            if (now.UtcDateTime < responder.NotBefore.ToUniversalTime() || now.UtcDateTime > responder.NotAfter.ToUniversalTime()) continue;
            if (SignatureVerifier.Verify(responder, algorithm, tbs, signature)) return true;
        }
        return false;
    }

    private static byte[] TbsOf(X509Certificate2 certificate) =>
        new AsnReader(certificate.RawData, AsnEncodingRules.DER).ReadSequence().ReadEncodedValue().ToArray();

    private static byte[] SignatureOf(X509Certificate2 certificate)
    {
        var sequence = new AsnReader(certificate.RawData, AsnEncodingRules.DER).ReadSequence();
        sequence.ReadEncodedValue();
        sequence.ReadEncodedValue();
        return sequence.ReadBitString(out _);
    }

    private enum ResponseStatus
    {
        Successful = 0,
        MalformedRequest = 1,
        InternalError = 2,
        TryLater = 3,
        SigRequired = 5,
        Unauthorized = 6,
    }
}
