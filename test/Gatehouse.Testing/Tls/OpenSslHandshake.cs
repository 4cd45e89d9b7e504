namespace Gatehouse.Testing.Tls;

/// <summary>What one <c>openssl s_client</c> handshake showed.</summary>
/// <param name="Probe">Served, refused, or the probe could not ask (only a refusal proves the server said no).</param>
/// <param name="Protocol"><c>TLSv1.2</c> or <c>TLSv1.3</c>, or null when nothing was negotiated.</param>
/// <param name="Cipher">The suite in OpenSSL's spelling, or null.</param>
/// <param name="Output">Everything s_client printed on stdout.</param>
public sealed record OpenSslHandshake(TlsProbeResult Probe, string? Protocol, string? Cipher, string Output)
{
    /// <summary>The served leaf's SHA-256, or null when refused; throws when the probe could not ask (see <see cref="TlsProbeResult"/>).</summary>
    public string? Fingerprint => Probe.FingerprintOrNullWhenRefused();

    /// <summary>True when a handshake completed (a protocol and a cipher were negotiated).</summary>
    public bool Completed => Protocol is not null && Cipher is not null && Cipher != "(NONE)";

    /// <summary>True only when the server refused the handshake (not when the probe could not run).</summary>
    public bool Refused => Probe.IsRefused && !Completed;
}
