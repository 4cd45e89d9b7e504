using System.Net.Security;
using Gatehouse.Core.Ssl;
using Gatehouse.Gateway.Tls;

namespace Gatehouse.Gateway.Configuration;

/// <summary>
/// A server SSL object revision ready to serve: its model and TLS options (for the primary certificate, and for the
/// alt certificate when it has one), built once and reused by every handshake.
/// </summary>
public sealed record ServedSslObject(SslObjectModel Model, SslServerAuthenticationOptions TlsOptions,
    SslServerAuthenticationOptions? AltTlsOptions = null)
{
    /// <summary>
    /// The options for one handshake: the ECDSA certificate when the client's hello allows it, else the RSA one
    /// (issue 17). An alt certificate outside its validity is never presented; without a readable hello the
    /// primary is.
    /// </summary>
    public SslServerAuthenticationOptions OptionsFor(ClientHelloFacts? hello, DateTimeOffset now)
    {
        if (AltTlsOptions is null || Model.Alt is not { } alt || hello is null || !alt.IsValidAt(now)) return TlsOptions;
        var ecdsaKey = alt.IsEcdsa ? alt.KeyAlgorithm : Model.Facts.KeyAlgorithm;
        var ecdsaAllowed = EcdsaCapability.Allows(hello, ecdsaKey, Model.Policy);
        return ecdsaAllowed == alt.IsEcdsa ? AltTlsOptions : TlsOptions;
    }
}
