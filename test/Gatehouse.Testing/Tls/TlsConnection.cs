using System.Net.Security;
using System.Net.Sockets;

namespace Gatehouse.Testing.Tls;

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
