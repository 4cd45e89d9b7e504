using System.Net.Security;
using Gatehouse.Core.Names;
using Gatehouse.Gateway.Acme;
using Gatehouse.Gateway.Configuration;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Gatehouse.Gateway.Tls;

/// <summary>
/// Kestrel's TLS handshake callback: reads the current snapshot once, selects by SNI (DESIGN.md §3), remembers
/// the choice on the connection and hands back that object's options, built on the first handshake that needs them
/// and then reused (<see cref="TlsContextCache"/>). No match → the handshake fails and Kestrel closes the connection
/// without sending a certificate.
/// </summary>
public sealed class SniCertificateSelector(SnapshotHolder holder, TlsContextCache contexts, GatewayMetrics metrics, TimeProvider time,
    AcmeChallengeTable? challenges = null)
{
    /// <summary>How long a client may take to complete the handshake (and, before it, to send its first record).</summary>
    public static TimeSpan HandshakeTimeout { get; } = TimeSpan.FromSeconds(10);

    public TlsHandshakeCallbackOptions CallbackOptions => new()
    {
        OnConnection = Select,
        HandshakeTimeout = HandshakeTimeout,
    };

    private ValueTask<SslServerAuthenticationOptions> Select(TlsHandshakeCallbackContext context)
    {
        var hello = ClientHelloPeekMiddleware.Get(context.Connection.Items);
        // A CA validating tls-alpn-01 offers only acme-tls/1 (RFC 8737 §3): it gets the challenge certificate, never a served object.
        if (hello?.OffersOnlyAcmeTls == true && HostName.Normalize(context.ClientHelloInfo.ServerName) is { } name && challenges?.AlpnOptions(name) is { } acme)
        {
            metrics.CountHandshake(HandshakeResult.AcmeChallenge);
            return ValueTask.FromResult(acme);
        }
        var snapshot = holder.Current;
        var model = snapshot.Sni.Select(context.ClientHelloInfo.ServerName, time.GetUtcNow());
        if (model is null)
        {
            metrics.CountHandshake(HandshakeResult.NoMatch);
            throw new AuthenticationRefusedException();
        }
        var served = contexts.Get(model, snapshot.Config.Ocsp.GetValueOrDefault(model.Id)?.Record);
        metrics.CountHandshake(HandshakeResult.Selected);
        SelectedSslObject.Set(context.Connection.Items, served, context.ClientHelloInfo.ServerName);
        return ValueTask.FromResult(served.OptionsFor(hello, time.GetUtcNow()));
    }
}

/// <summary>Thrown from the handshake callback to refuse a connection (no SSL object matches).</summary>
internal sealed class AuthenticationRefusedException() : System.Security.Authentication.AuthenticationException("No SSL object matches the requested server name.");
