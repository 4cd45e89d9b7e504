using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;

namespace Gatehouse.Testing.Tls;

/// <summary>A .NET TLS client for loops that open many connections (cheaper than spawning openssl).</summary>
public static class TlsProbe
{
    /// <summary>The served leaf's fingerprint for <paramref name="serverName"/>, or null when the handshake failed.</summary>
    public static async Task<string?> ServedFingerprintAsync(int port, string serverName, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(port, serverName, cancellationToken);
        return connection?.Fingerprint;
    }

    /// <summary>Opens a TLS connection and keeps it open; null when the handshake failed.</summary>
    public static async Task<TlsConnection?> ConnectAsync(int port, string serverName, CancellationToken cancellationToken = default)
    {
        var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port, cancellationToken);
            var stream = new SslStream(client.GetStream(), leaveInnerStreamOpen: false);
            await stream.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = serverName,
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
                AllowTlsResume = false,
                ApplicationProtocols = [SslApplicationProtocol.Http11],
            }, cancellationToken);
            var fingerprint = stream.RemoteCertificate is { } certificate
                ? Convert.ToHexStringLower(SHA256.HashData(certificate.GetRawCertData()))
                : null;
            return new TlsConnection(client, stream, fingerprint);
        }
        catch (Exception e) when (e is AuthenticationException or IOException or SocketException)
        {
            client.Dispose();
            return null;
        }
    }
}

/// <summary>An open TLS connection made by <see cref="TlsProbe"/>.</summary>
public sealed class TlsConnection(TcpClient client, SslStream stream, string? fingerprint) : IAsyncDisposable
{
    public SslStream Stream { get; } = stream;
    public string? Fingerprint { get; } = fingerprint;

    /// <summary>Sends one HTTP/1.1 request on this connection and returns the status line.</summary>
    public async Task<string> GetStatusLineAsync(string host, string path = "/")
    {
        var request = System.Text.Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n");
        await Stream.WriteAsync(request);
        var buffer = new byte[4096];
        var read = await Stream.ReadAsync(buffer);
        var text = System.Text.Encoding.ASCII.GetString(buffer, 0, read);
        return text.Split("\r\n")[0];
    }

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync();
        client.Dispose();
    }
}
