using System.Net;

namespace Gatehouse.Commands;

/// <summary>Parses listener addresses such as <c>127.0.0.1:9180</c>, <c>[::1]:9180</c> or <c>localhost:9180</c>.</summary>
internal static class ListenAddress
{
    public static bool TryParse(string text, out IPEndPoint endPoint)
    {
        endPoint = new IPEndPoint(IPAddress.Loopback, 0);
        if (text.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(text["localhost:".Length..], out var port) && port is >= 0 and <= 65535)
        {
            endPoint = new IPEndPoint(IPAddress.Loopback, port);
            return true;
        }
        if (!IPEndPoint.TryParse(text, out var parsed) || parsed.Port == 0 && !text.EndsWith(":0", StringComparison.Ordinal)) return false;
        endPoint = parsed;
        return true;
    }
}
