using System.Net;
using System.Net.Sockets;

namespace Gatehouse.Testing.Process;

/// <summary>Whether something listens on a loopback port (a process under test that opens its listeners late).</summary>
public static class LoopbackPort
{
    /// <summary>True when a TCP connection to 127.0.0.1:<paramref name="port"/> is accepted.</summary>
    public static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
