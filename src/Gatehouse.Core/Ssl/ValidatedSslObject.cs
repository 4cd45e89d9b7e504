using Gatehouse.Core.Tls;

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
    /// <summary>The TLS policy the object asked for (the default when it named none).</summary>
    public TlsPolicy Policy { get; init; } = TlsPolicy.Default;

    /// <summary>What the alt certificate says, or null without one.</summary>
    public AltCertificateFacts? Alt { get; init; }

    /// <summary>The alt chain as canonical PEM, or null.</summary>
    public string? AltCertificatePem { get; init; }

    /// <summary>The alt key as PKCS#8 PEM, or null: encrypt it like the primary key.</summary>
    public string? AltPrivateKeyPkcs8Pem { get; init; }

    /// <summary>Every warning: the primary's facts and the alt certificate's.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <inheritdoc />
    public override string ToString() => $"ValidatedSslObject {{ Fingerprint = {Facts.FingerprintSha256}, Alt = {Alt?.FingerprintSha256} }}";
}
