namespace Gatehouse.Gateway.Tls;

/// <summary>
/// What a ClientHello says about the certificates a client can verify (RFC 8446 §4.1.2, §4.2; RFC 5246 §7.4.1.2):
/// read from the first TLS record before the handshake starts, because .NET's handshake callback does not expose it.
/// </summary>
/// <param name="SignatureSchemes">The <c>signature_algorithms</c> list, or null when the extension is absent.</param>
/// <param name="OffersTls13">True when <c>supported_versions</c> lists TLS 1.3.</param>
/// <param name="CipherSuites">The cipher suite code points offered.</param>
/// <param name="SupportedGroups">The <c>supported_groups</c> list, or null when absent.</param>
public sealed record ClientHelloFacts(
    IReadOnlyList<ushort>? SignatureSchemes,
    bool OffersTls13,
    IReadOnlyList<ushort> CipherSuites,
    IReadOnlyList<ushort>? SupportedGroups)
{
    /// <summary>True when the ALPN extension offers exactly one protocol, <c>acme-tls/1</c>: a CA validating tls-alpn-01.</summary>
    public bool OffersOnlyAcmeTls { get; init; }
}
