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
internal static partial class UpstreamHandlerFactory
{
    private static readonly List<SslApplicationProtocol> Alpn = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11];

    public static SocketsHttpHandler Create(UpstreamProfile profile, UpstreamTlsMaterials? materials, ForbiddenUpstreams forbidden, ILogger logger)
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
        // Every connection checks the address it reached (names resolve at connect time, not at validation).
        if (profile.Tls is { } tls && materials is not null)
            handler.ConnectCallback = (context, cancellationToken) => ConnectTlsAsync(context, tls, materials, forbidden, logger, cancellationToken);
        else
            handler.ConnectCallback = async (context, cancellationToken) =>
                new NetworkStream(await ConnectAsync(context, forbidden, logger, cancellationToken), ownsSocket: true);
        return handler;
    }

    /// <summary>Opens the TCP connection and refuses it when the address reached is forbidden (502 upstream_forbidden).</summary>
    private static async ValueTask<Socket> ConnectAsync(SocketsHttpConnectionContext context, ForbiddenUpstreams forbidden, ILogger logger,
        CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            if (socket.RemoteEndPoint is IPEndPoint remote && forbidden.IsForbidden(remote))
            {
                LogForbidden(logger, context.DnsEndPoint.Host, context.DnsEndPoint.Port, remote.ToString());
                throw new UpstreamForbiddenException();
            }
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async ValueTask<Stream> ConnectTlsAsync(SocketsHttpConnectionContext context, UpstreamTlsProfile tls,
        UpstreamTlsMaterials materials, ForbiddenUpstreams forbidden, ILogger logger, CancellationToken cancellationToken)
    {
        var stream = new UpstreamTlsStream(new NetworkStream(await ConnectAsync(context, forbidden, logger, cancellationToken), ownsSocket: true));
        try
        {
            var options = ClientOptions(tls, materials, context.DnsEndPoint.Host, logger);
            var certificateRequested = false;
            if (options.ClientCertificateContext is null)
            {
                // Called when the upstream asks for a client certificate (there is none to give); .NET may also
                // call it before the handshake, without the upstream's certificate, which asks for nothing.
                options.LocalCertificateSelectionCallback = (_, _, _, remote, _) =>
                {
                    certificateRequested |= remote is not null;
                    return null!;
                };
            }
            await stream.AuthenticateAsClientAsync(options, cancellationToken);
            // Under TLS 1.3 the refusal would only come after the handshake; fail now, with the reason.
            if (certificateRequested)
                throw new AuthenticationException("The upstream requires a client certificate; the service names no client_ssl_id.");
            return stream;
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning,
        Message = "Upstream {Host}:{Port} connected to {Address}, the admin (or status) listener or a link-local address: refused")]
    private static partial void LogForbidden(ILogger logger, string host, int port, string address);

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
