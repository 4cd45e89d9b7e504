using Microsoft.AspNetCore.Connections;

namespace Gatehouse.Gateway.Tls;

/// <summary>
/// A connection middleware placed before <c>UseHttps</c> (DESIGN.md §10): it waits for the first TLS record, reads
/// the ClientHello from it and leaves every byte in the pipe for the TLS handshake (examined, not consumed). The
/// handshake callback then knows which certificate types the client accepts. A connection that has not sent its
/// first record within the handshake timeout is closed, as the TLS handshake would have been.
/// </summary>
internal sealed class ClientHelloPeekMiddleware(ConnectionDelegate next, TimeSpan timeout)
{
    private static readonly object Key = new();

    /// <summary>The hello read on this connection, or null when it could not be read (then the primary certificate is served).</summary>
    public static ClientHelloFacts? Get(IDictionary<object, object?> connectionItems) =>
        connectionItems.TryGetValue(Key, out var value) ? value as ClientHelloFacts : null;

    public async Task InvokeAsync(ConnectionContext connection)
    {
        var input = connection.Transport.Input;
        using var deadline = new CancellationTokenSource(timeout);
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, connection.ConnectionClosed);
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(closed.Token);
                var buffer = result.Buffer;
                var peek = ClientHelloParser.TryRead(buffer, out var facts);
                if (peek == ClientHelloPeek.Done || result.IsCompleted || result.IsCanceled || buffer.Length >= 5 + ClientHelloParser.MaxRecordLength)
                {
                    // Nothing consumed, nothing examined: the TLS handshake reads the same bytes again at once.
                    input.AdvanceTo(buffer.Start);
                    if (facts is not null) connection.Items[Key] = facts;
                    break;
                }
                // Nothing consumed, everything examined: the next read waits for more bytes.
                input.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (OperationCanceledException)
        {
            connection.Abort(new ConnectionAbortedException("No complete TLS record before the handshake timeout."));
            return;
        }
        await next(connection);
    }
}
