using System.Net.Security;
using System.Security.Authentication;

namespace Gatehouse.Gateway.Forwarding;

/// <summary>
/// The upstream's TLS stream. Under TLS 1.3 an upstream that refuses the gateway's client certificate does so
/// after the handshake: the first read (or a write racing it) fails. That failure is reported as an <see cref="AuthenticationException"/>,
/// so the request answers 502 <c>upstream_tls_failed</c> (DESIGN.md §4) rather than <c>upstream_unreachable</c>.
/// It stays an <see cref="SslStream"/> because the connection pool uses an SslStream from its connect callback
/// as is (any other stream gets a second TLS layer). Written by hand: no BCL stream reports this case.
/// </summary>
internal sealed class UpstreamTlsStream(Stream transport) : SslStream(transport, leaveInnerStreamOpen: false)
{
    private bool _received;
    private bool? _tls13;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // Read before the first await: once the upstream has ended the session the stream is disposed.
        _tls13 ??= IsAuthenticated && SslProtocol == SslProtocols.Tls13;
        try
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            // A clean end of stream before the first byte is the same refusal, as HTTP/2 connections see it.
            if (read == 0 && buffer.Length > 0 && !_received && _tls13 == true) throw Refused(null);
            _received |= read > 0;
            return read;
        }
        catch (Exception e) when (RefusedAfterHandshake(e))
        {
            throw Refused(e);
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _tls13 ??= IsAuthenticated && SslProtocol == SslProtocols.Tls13;
        try
        {
            await base.WriteAsync(buffer, cancellationToken);
        }
        catch (Exception e) when (RefusedAfterHandshake(e))
        {
            throw Refused(e);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private static AuthenticationException Refused(Exception? inner) =>
        new("The upstream ended the TLS session before answering (it may refuse the client certificate).", inner);

    private bool RefusedAfterHandshake(Exception e) =>
        !_received && _tls13 == true && e is IOException or ObjectDisposedException;
}
