using System.Net;
using System.Net.Sockets;

namespace Gatehouse.Commands.Hosting;

/// <summary>
/// Checks, before a role loads its configuration, that each address it will listen on can be bound: a port already in
/// use (or an address this host does not have) is reported at once, not after a load that takes seconds at 100 000
/// objects, and `up` never opens its gateway only to stop it because the Admin API's port is taken. The socket is closed
/// right away; Kestrel binds the address itself later, so a port taken in between still fails that bind as before.
/// Called after the command line's checks (a usage error still exits 2) and before the store is read.
/// </summary>
internal static class ListenerProbe
{
    /// <summary>
    /// Throws an <see cref="IOException"/> naming the option of the first address of <paramref name="listeners"/> that
    /// cannot be bound (the role reports it and exits 1, as for any listener that fails).
    /// </summary>
    public static void EnsureAvailable(params (string Option, IPEndPoint EndPoint)[] listeners)
    {
        foreach (var (option, endPoint) in listeners)
        {
            if (endPoint.Port == 0) continue;
            using var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            // As Kestrel binds on Linux: a port whose old connections linger in TIME_WAIT is free, one with a listener is not.
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            try
            {
                socket.Bind(endPoint);
            }
            catch (SocketException e)
            {
                var reason = e.SocketErrorCode switch
                {
                    SocketError.AddressAlreadyInUse => "the address is already in use",
                    SocketError.AddressNotAvailable => "this host has no such address",
                    SocketError.AccessDenied => "permission denied (a port below 1024 needs privileges)",
                    _ => e.Message,
                };
                throw new IOException($"cannot listen on {option} {endPoint}: {reason}.");
            }
        }
    }
}
