using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Gatehouse.Gateway.Forwarding;

/// <summary>
/// Builds the pooled <see cref="SocketsHttpHandler"/> of one upstream profile. For https upstreams the TLS
/// handshake runs in a <c>ConnectCallback</c>: the handler would otherwise take the SNI and the verified name
/// from the outgoing Host header (DESIGN.md §10), whereas §4 wants <c>upstream.sni</c>, else the target host,
/// whatever Host is forwarded. Verification is the platform's default (system trust + name check); client
/// certificates and custom CAs (§4) will be added to <see cref="ClientOptions"/>.
/// </summary>
internal static class UpstreamHandlerFactory
{
    private static readonly List<SslApplicationProtocol> Alpn = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11];

    public static SocketsHttpHandler Create(UpstreamProfile profile)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            ActivityHeadersPropagator = null,
            ConnectTimeout = TimeSpan.FromMilliseconds(profile.ConnectMs),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
        };
        if (profile.Tls is { } tls) handler.ConnectCallback = (context, cancellationToken) => ConnectTlsAsync(context, tls, cancellationToken);
        return handler;
    }

    private static async ValueTask<Stream> ConnectTlsAsync(SocketsHttpConnectionContext context, UpstreamTlsProfile tls, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            var stream = new SslStream(new NetworkStream(socket, ownsSocket: true));
            try
            {
                await stream.AuthenticateAsClientAsync(ClientOptions(tls, context.DnsEndPoint.Host), cancellationToken);
                return stream;
            }
            catch
            {
                await stream.DisposeAsync();
                throw;
            }
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The seam for the upstream TLS identity: SNI and verified name now, client certificate and CA set next.</summary>
    private static SslClientAuthenticationOptions ClientOptions(UpstreamTlsProfile tls, string targetHost)
    {
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = tls.Sni ?? targetHost,
            ApplicationProtocols = Alpn,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
        };
        // tls_verify: false turns off both the chain and the name check (DESIGN.md §4; the API warns).
        if (!tls.Verify) options.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        return options;
    }
}
