namespace Gatehouse.Gateway.Tls;

/// <summary>How a TLS handshake's certificate selection ended, for metrics.</summary>
public enum HandshakeResult
{
    /// <summary>An object was chosen and its certificate offered.</summary>
    Selected,

    /// <summary>No object matches the SNI (or no SNI and no fallback): the connection was closed.</summary>
    NoMatch,

    /// <summary>A CA's tls-alpn-01 validation got the challenge certificate (DESIGN.md §12).</summary>
    AcmeChallenge,
}
