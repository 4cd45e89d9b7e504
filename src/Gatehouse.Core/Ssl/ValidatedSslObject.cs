namespace Gatehouse.Core.Ssl;

/// <summary>An SSL object that passed validation, with its PEM fields re-encoded in canonical form.</summary>
/// <param name="Facts">What the certificates say.</param>
/// <param name="CertificatePem">The chain, leaf first, as canonical PEM.</param>
/// <param name="CaCertificatePem">The CA set as canonical PEM, or null.</param>
/// <param name="PrivateKeyPkcs8Pem">The key as PKCS#8 PEM: encrypt it before it goes anywhere (DESIGN.md §6).</param>
/// <param name="Revocation">The verified CRLs (DESIGN.md §12).</param>
/// <param name="CrlPem">The CRLs as canonical PEM, or null.</param>
public sealed record ValidatedSslObject(
    CertificateFacts Facts,
    string CertificatePem,
    string? CaCertificatePem,
    string PrivateKeyPkcs8Pem,
    Revocation.RevocationLists Revocation,
    string? CrlPem)
{
    /// <inheritdoc />
    public override string ToString() => $"ValidatedSslObject {{ Fingerprint = {Facts.FingerprintSha256} }}";
}
