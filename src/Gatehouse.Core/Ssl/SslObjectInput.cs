namespace Gatehouse.Core.Ssl;

/// <summary>What an operator submits for an SSL object, after JSON shape checks and before validation.</summary>
/// <param name="CertificatePem">Leaf first, then intermediates.</param>
/// <param name="PrivateKeyPem">PKCS#8, PKCS#1 or SEC1 PEM.</param>
/// <param name="KeyIsStored">
/// True when the operator omitted the key on update and <paramref name="PrivateKeyPem"/> is the stored one:
/// a mismatch then means the key is missing (<c>missing_field</c>), not wrong.
/// </param>
public sealed record SslObjectInput(
    string? CertificatePem,
    string? PrivateKeyPem,
    string? CaCertificatePem,
    SslObjectType Type,
    IReadOnlyList<string> Labels,
    bool Fallback,
    bool KeyIsStored = false,
    string? Crl = null,
    bool CrlStrict = false)
{
    /// <summary>The alternative certificate chain (the other key type for the same names), or null.</summary>
    public string? AltCertificatePem { get; init; }

    /// <summary>The key of <see cref="AltCertificatePem"/>.</summary>
    public string? AltPrivateKeyPem { get; init; }

    /// <summary>Like <see cref="KeyIsStored"/>, for <see cref="AltPrivateKeyPem"/>.</summary>
    public bool AltKeyIsStored { get; init; }

    /// <summary><c>min_tls_version</c> as sent, or null for the default.</summary>
    public string? MinTlsVersion { get; init; }

    /// <summary><c>tls12_cipher_suites</c> as sent, or null for the default.</summary>
    public IReadOnlyList<string>? Tls12CipherSuites { get; init; }

    /// <summary>The optional unique name (DESIGN.md §13), or null.</summary>
    public string? Name { get; init; }

    /// <summary>Never prints the key (a record's generated ToString would).</summary>
    public override string ToString() => $"SslObjectInput {{ Type = {Type}, Fallback = {Fallback}, KeyIsStored = {KeyIsStored} }}";
}
