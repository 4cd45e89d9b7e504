namespace Gatehouse.Testing.Tls;

/// <summary>What a TLS probe saw. Only <see cref="Refused"/> proves a server said no; the last two prove nothing about it.</summary>
public enum TlsOutcome
{
    /// <summary>The handshake got far enough for the server to send its certificate.</summary>
    Served,

    /// <summary>A TCP connection was made and the server ended the handshake without sending a certificate.</summary>
    Refused,

    /// <summary>No TCP connection could be made (closed port, nothing listening): the server was never asked.</summary>
    Unreachable,

    /// <summary>The probe itself failed (tool missing, bad arguments, timed out, output not understood).</summary>
    ToolFailed,
}
