using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Gatehouse.Functional.Tests.Gateway;

/// <summary>
/// Sends one HTTP/1.1 request written byte for byte (what curl and HttpClient refuse to send: Content-Length with
/// Transfer-Encoding, any Host) to a loopback port and reads the answer until the server closes the connection.
/// </summary>
public static class RawHttp
{
    /// <summary>The status (0 when the connection closed without an answer) and the body, chunked framing removed.</summary>
    public static async Task<(int Status, string Body)> SendAsync(int port, string request)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), timeout.Token);
        using var received = new MemoryStream();
        await stream.CopyToAsync(received, timeout.Token);
        var text = Encoding.UTF8.GetString(received.ToArray());
        var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (!text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) || headerEnd < 0) return (0, text);
        var head = text[..headerEnd];
        var body = text[(headerEnd + 4)..];
        if (head.Contains("transfer-encoding: chunked", StringComparison.OrdinalIgnoreCase)) body = Unchunk(body);
        return (int.Parse(text.AsSpan(9, 3)), body);
    }

    public static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement.Clone();

    private static string Unchunk(string body)
    {
        var result = new StringBuilder();
        var at = 0;
        while (true)
        {
            var lineEnd = body.IndexOf("\r\n", at, StringComparison.Ordinal);
            if (lineEnd < 0) return result.ToString();
            var size = Convert.ToInt32(body[at..lineEnd].Split(';')[0].Trim(), 16);
            if (size == 0) return result.ToString();
            result.Append(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
