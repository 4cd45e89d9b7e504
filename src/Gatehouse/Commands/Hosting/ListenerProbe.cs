using System.Net;
using System.Net.Sockets;

namespace Gatehouse.Commands.Hosting;

/// <summary>
/// Checks, before a role loads its configuration, that each address it will listen on can be bound: a port already in
/// use (or an address this host does not have) is reported at once, not after a load that takes seconds at 100 000
/// objects, and `up` never opens its gateway only to stop it because the Admin API's port is taken. Each probe socket is
/// closed at once; Kestrel binds the addresses itself later, so a port taken in between still fails as before. Two
/// options naming one port are refused too.
/// Called after the command line's and the secrets' checks, before the store is connected to and read.
/// </summary>
internal static class ListenerProbe
{
    /// <summary>
    /// Throws an <see cref="IOException"/> naming the option of the first address of <paramref name="listeners"/> that
    /// cannot be bound (the role reports it and exits 1, as for any listener that fails).
    /// </summary>
    public static void EnsureAvailable(params (string Option, IPEndPoint EndPoint)[] listeners)
    {
        for (var i = 0; i < listeners.Length; i++)
        {
            var (option, endPoint) = listeners[i];
            if (endPoint.Port == 0) continue;
            for (var j = 0; j < i; j++)
            {
                if (Overlap(listeners[j].EndPoint, endPoint))
                    throw new IOException($"cannot listen on {option} {endPoint}: {listeners[j].Option} {listeners[j].EndPoint} takes that port.");
            }
            try
            {
                // Bound, never listening, and closed at once: a client connecting meanwhile is refused, as before the start.
                using var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                // As Kestrel binds on Linux: a port whose old connections linger in TIME_WAIT is free, one with a listener is not.
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                socket.Bind(endPoint);
            }
            catch (SocketException e)
            {
                var reason = e.SocketErrorCode switch
                {
                    SocketError.AddressAlreadyInUse => "the address is already in use",
                    SocketError.AddressNotAvailable => "this host has no such address",
                    SocketError.AccessDenied => "permission denied (a port below 1024 needs privileges)",
                    SocketError.AddressFamilyNotSupported => "this host has no network of that address family",
                    _ => e.Message,
                };
                throw new IOException($"cannot listen on {option} {endPoint}: {reason}.");
            }
        }
    }

    /// <summary>True when two listeners would claim one port: the same address, or either on every address.</summary>
    private static bool Overlap(IPEndPoint a, IPEndPoint b) =>
        a.Port == b.Port && (a.Address.Equals(b.Address) || IsAnyAddress(a.Address) || IsAnyAddress(b.Address));

    private static bool IsAnyAddress(IPAddress address) => address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);
}
