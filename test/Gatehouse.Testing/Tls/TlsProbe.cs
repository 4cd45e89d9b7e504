using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;

namespace Gatehouse.Testing.Tls;

/// <summary>A .NET TLS client for loops that open many connections (cheaper than spawning openssl).</summary>
public static class TlsProbe
{
    /// <summary>
    /// The served leaf's fingerprint for <paramref name="serverName"/>, or null when the server refused the handshake.
    /// Throws <see cref="TlsProbeFailedException"/> when no TCP connection could be made: a refusal is the only way to get null.
    /// </summary>
    public static async Task<string?> ServedFingerprintAsync(int port, string serverName, CancellationToken cancellationToken = default) =>
        (await ProbeAsync(port, serverName, cancellationToken)).FingerprintOrNullWhenRefused();

    /// <summary>Runs one handshake and says whether a certificate was served, the server refused, or the port could not be reached.</summary>
    public static async Task<TlsProbeResult> ProbeAsync(int port, string serverName, CancellationToken cancellationToken = default)
    {
        var (result, connection) = await OpenAsync(port, serverName, cancellationToken);
        if (connection is not null) await connection.DisposeAsync();
        return result;
    }

    /// <summary>
    /// Opens a TLS connection and keeps it open; null when the server refused the handshake. Throws
    /// <see cref="TlsProbeFailedException"/> when no TCP connection could be made.
    /// </summary>
    public static async Task<TlsConnection?> ConnectAsync(int port, string serverName, CancellationToken cancellationToken = default)
    {
        var (result, connection) = await OpenAsync(port, serverName, cancellationToken);
        _ = result.FingerprintOrNullWhenRefused();
        return connection;
    }

    private static async Task<(TlsProbeResult Result, TlsConnection? Connection)> OpenAsync(int port, string serverName, CancellationToken cancellationToken)
    {
        var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port, cancellationToken);
        }
        catch (SocketException e)
        {
            client.Dispose();
            return (new TlsProbeResult(TlsOutcome.Unreachable, null, $"TCP connect to 127.0.0.1:{port} failed: {e.SocketErrorCode}"), null);
        }
        try
        {
            var stream = new SslStream(client.GetStream(), leaveInnerStreamOpen: false);
            await stream.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = serverName,
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
                AllowTlsResume = false,
                ApplicationProtocols = [SslApplicationProtocol.Http11],
            }, cancellationToken);
            if (stream.RemoteCertificate is not { } certificate)
            {
                await stream.DisposeAsync();
                client.Dispose();
                return (new TlsProbeResult(TlsOutcome.ToolFailed, null, "handshake completed without a server certificate"), null);
            }
            var fingerprint = Convert.ToHexStringLower(SHA256.HashData(certificate.GetRawCertData()));
            return (new TlsProbeResult(TlsOutcome.Served, fingerprint, "handshake completed"), new TlsConnection(client, stream, fingerprint));
        }
        catch (Exception e) when (e is AuthenticationException or IOException or SocketException)
        {
            // The TCP connection was up: the server ended the handshake (Kestrel closes without an alert, DESIGN.md §10).
            client.Dispose();
            return (new TlsProbeResult(TlsOutcome.Refused, null, $"{e.GetType().Name}: {e.Message}"), null);
        }
    }
}
