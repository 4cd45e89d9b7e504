using System.Security.Cryptography.X509Certificates;
using Gatehouse.Core.Services;
using Gatehouse.Gateway.Tls;

namespace Gatehouse.Gateway.Forwarding;

/// <summary>
/// What an https upstream connection presents and trusts (DESIGN.md §4): the client object's certificate, and
/// the client object's CA set, else <c>upstream.ca_certificate</c>, else the system trust store (null).
/// </summary>
internal sealed record UpstreamTlsMaterials(ClientTlsIdentity? Client, X509Certificate2Collection? TrustedCas, string TrustId)
{
    public static UpstreamTlsMaterials? For(UpstreamRecord upstream, ClientTlsIdentity? client)
    {
        if (upstream.Scheme != "https") return null;
        if (client is { Model.Facts.PeerAuthentication: true })
            return new(client, new X509Certificate2Collection(client.Model.Facts.CaCertificates.ToArray()), client.Model.Facts.CaSetId);
        if (upstream.CaCertificate is { } pem)
        {
            var cas = new X509Certificate2Collection();
            cas.ImportFromPem(pem);
            return new(client, cas, string.Join(",", cas.Select(c => c.Thumbprint).Order(StringComparer.Ordinal)));
        }
        return new(client, null, "system");
    }
}
