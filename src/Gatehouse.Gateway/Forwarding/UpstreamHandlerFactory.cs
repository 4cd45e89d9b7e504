using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Gateway.Forwarding;

/// <summary>
/// Builds the pooled <see cref="SocketsHttpHandler"/> of one upstream profile. For https upstreams the TLS
/// handshake runs in a <c>ConnectCallback</c>: the handler would otherwise take the SNI and the verified name
/// from the outgoing Host header (DESIGN.md §10), whereas §4 wants <c>upstream.sni</c>, else the target host,
/// whatever Host is forwarded. The client object's certificate is presented and the upstream's certificate is checked offline
/// against the right CA set and the name (<see cref="UpstreamCertificateVerifier"/>).
/// </summary>
internal static class UpstreamHandlerFactory
{
    private static readonly List<SslApplicationProtocol> Alpn = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11];

    public static SocketsHttpHandler Create(UpstreamProfile profile, UpstreamTlsMaterials? materials, ILogger logger)
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
        if (profile.Tls is { } tls && materials is not null)
            handler.ConnectCallback = (context, cancellationToken) => ConnectTlsAsync(context, tls, materials, logger, cancellationToken);
        return handler;
    }

    private static async ValueTask<Stream> ConnectTlsAsync(SocketsHttpConnectionContext context, UpstreamTlsProfile tls,
        UpstreamTlsMaterials materials, ILogger logger, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            var stream = new UpstreamTlsStream(new NetworkStream(socket, ownsSocket: true));
            try
            {
                await stream.AuthenticateAsClientAsync(ClientOptions(tls, materials, context.DnsEndPoint.Host, logger), cancellationToken);
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

    /// <summary>The upstream TLS identity: SNI and verified name, the client certificate presented, the CA set trusted.</summary>
    private static SslClientAuthenticationOptions ClientOptions(UpstreamTlsProfile tls, UpstreamTlsMaterials materials, string targetHost, ILogger logger)
    {
        var name = tls.Sni ?? targetHost;
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = name,
            ApplicationProtocols = Alpn,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
            ClientCertificateContext = materials.Client?.Context,
        };
        // tls_verify: false turns off both the chain and the name check (DESIGN.md §4; the API warns).
        if (!tls.Verify)
        {
            options.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        }
        else
        {
            var verifier = new UpstreamCertificateVerifier(materials.TrustedCas, name, logger);
            options.RemoteCertificateValidationCallback = (_, certificate, chain, _) => verifier.Verify(certificate, chain);
        }
        return options;
    }
}
