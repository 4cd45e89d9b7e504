namespace Gatehouse.Testing.Tls;

/// <summary>Thrown when a TLS probe could not ask the server (connection impossible, tool failure): nothing was tested.</summary>
public sealed class TlsProbeFailedException(TlsProbeResult result)
    : Exception($"The TLS probe did not reach a server decision: {result}")
{
    public TlsProbeResult Result { get; } = result;
}
