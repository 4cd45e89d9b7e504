using System.Net;
using System.Net.Sockets;

namespace Gatehouse.Testing.Process;

/// <summary>
/// Finds a free loopback TCP port for a process a test starts. Ports come from below Linux's ephemeral range
/// (32768–60999 by default): a port the OS handed out with bind(0) and that was then closed can be taken again by any
/// outgoing connection before the child process binds it ("address already in use"), whereas outgoing connections never
/// use ports below that range. Each test process walks the range from a random start, so parallel tests in one process
/// never get the same port and separate test processes rarely meet.
/// </summary>
public static class FreePort
{
    private const int First = 15000;
    private const int Last = 32000;
    private static int _next = Random.Shared.Next(First, Last);

    public static int Next()
    {
        for (var attempt = 0; attempt < Last - First; attempt++)
        {
            var port = First + (int)((uint)(Interlocked.Increment(ref _next) - First) % (Last - First));
            if (IsFree(port)) return port;
        }
        throw new InvalidOperationException($"No free loopback port between {First} and {Last}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
