using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Gatehouse.Core.Secrets;
using Gatehouse.Core.Ssl;
using Gatehouse.Storage;

namespace Gatehouse.Gateway.Tls;

/// <summary>
/// Builds the TLS server options of one SSL object revision, once: the decrypted key joined to the leaf, and a
/// certificate context whose chain is built offline (no AIA download, no revocation fetch; DESIGN.md §3).
/// </summary>
public sealed class ServerTlsOptionsFactory(Keyring keyring, TimeProvider time)
{
    private static readonly List<SslApplicationProtocol> Protocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11];

    public SslServerAuthenticationOptions Create(SslObjectModel model)
    {
        var options = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = CertificateContext(model),
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
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
    public ClientTlsIdentity CreateClientIdentity(SslObjectModel model) => new(model, CertificateContext);

    /// <summary>The leaf joined to its decrypted key, with the chain built offline.</summary>
    private SslStreamCertificateContext CertificateContext(SslObjectModel model)
    {
        var keyPem = keyring.Decrypt(model.Record.PrivateKey, StoreKeys.Ssl(model.Id));
        // An ephemeral in-memory key: OpenSSL (Linux) uses it as is; it never touches the disk.
        var leaf = X509Certificate2.CreateFromPem(model.Facts.Leaf.ExportCertificatePem(), keyPem);
        var intermediates = new X509Certificate2Collection(model.Facts.Intermediates.ToArray());
        return SslStreamCertificateContext.Create(leaf, intermediates, offline: true);
    }
}
