using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Gatehouse.Core.Secrets;
using Gatehouse.Core.Ssl;
using Gatehouse.Storage;

namespace Gatehouse.Gateway.Tls;

/// <summary>
/// Builds the TLS server options of one SSL object revision, once: the decrypted key joined to the leaf, and a
/// certificate context whose chain is built offline (no AIA download, no revocation fetch; DESIGN.md §3). The
/// object's TLS policy (versions, TLS 1.2 suites in server order) is part of its options, so it applies only to the
/// handshakes that select this object.
/// </summary>
public sealed class ServerTlsOptionsFactory(Keyring keyring, TimeProvider time)
{
    private static readonly List<SslApplicationProtocol> Protocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11];

    /// <summary>
    /// The options presenting the object's primary certificate, and those presenting its alt certificate (null without
    /// one): one build of one revision, reading the stored record once.
    /// </summary>
    public (SslServerAuthenticationOptions Primary, SslServerAuthenticationOptions? Alt) Create(SslObjectModel model)
    {
        var record = model.Record;
        var storageKey = StoreKeys.Ssl(model.Id);
        var primary = Options(model, Context(record.Certificate, record.PrivateKey, storageKey));
        var alt = record.AltCertificate is not { } chain || record.AltPrivateKey is not { } key
            ? null
            : Options(model, Context(chain, key, SslObjectRecord.AltKeyContext(storageKey)));
        return (primary, alt);
    }

    private SslServerAuthenticationOptions Options(SslObjectModel model, SslStreamCertificateContext context)
    {
        var options = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = context,
            EnabledSslProtocols = model.Policy.Protocols,
            // OpenSSL prefers the server's order (SSL_OP_CIPHER_SERVER_PREFERENCE, set by .NET for servers). When the
            // process's OpenSSL defaults are the default policy (OpenSslDefaults), objects on it carry no policy: .NET
            // then keeps one OpenSSL context per certificate context — session tickets, the loaded key — instead of
            // building one per handshake. Windows (SChannel) has no per-connection suite policy.
            CipherSuitesPolicy = OperatingSystem.IsWindows() || model.Policy.HasDefaultSuites && OpenSslDefaults.InEffect
                ? null
                : new CipherSuitesPolicy(model.Policy.CipherSuites),
            ApplicationProtocols = Protocols,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            ClientCertificateRequired = false,
        };
        if (model.Facts.PeerAuthentication)
        {
            var validator = new ClientCertificateValidator(model.Facts.CaCertificates, model.Revocation, time);
            options.ClientCertificateRequired = true;
            options.RemoteCertificateValidationCallback = (_, certificate, chain, _) => validator.Validate(certificate, chain);
            // Session tickets are shared per certificate chain across names and options (DESIGN.md §10):
            // never resume into a peer-authenticated object; every handshake presents and checks a certificate.
            options.AllowTlsResume = false;
        }
        return options;
    }

    /// <summary>The identity a client object presents to upstreams (DESIGN.md §4 <c>client_ssl_id</c>); its context is built on first use.</summary>
    public ClientTlsIdentity CreateClientIdentity(SslObjectModel model) =>
        new(model, m =>
        {
            var record = m.Record;
            return Context(record.Certificate, record.PrivateKey, StoreKeys.Ssl(m.Id));
        });

    /// <summary>
    /// The stored chain (PEM, leaf first) joined to its decrypted key, built offline. Read from the record's text, not
    /// from the object's parsed facts, so that a build decodes each certificate once and holds no facts alive.
    /// </summary>
    private SslStreamCertificateContext Context(string chainPem, EncryptedSecret key, string keyContext)
    {
        // An ephemeral in-memory key: OpenSSL (Linux) uses it as is; it never touches the disk. Its decrypted PEM is
        // zeroed as soon as the key is imported.
        using var keyPem = keyring.DecryptText(key, keyContext);
        return CertificateContextBuilder.Build(chainPem, keyPem.Chars);
    }
}
