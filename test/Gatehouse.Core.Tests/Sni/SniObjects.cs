using Gatehouse.Core.Secrets;
using Gatehouse.Core.Ssl;
using Gatehouse.Testing.Pki;

namespace Gatehouse.Core.Tests.Sni;

/// <summary>Builds SSL object models the way a gateway does from the store: a record, a revision, <c>Load</c>.</summary>
internal static class SniObjects
{
    private static readonly EncryptedSecret DummyKey = new("0000000000000000", "AAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAA==");

    public static SslObjectModel Load(string id, TestCert cert, DateTimeOffset now, long revision = 1,
        SslObjectType type = SslObjectType.Server, bool fallback = false)
    {
        var record = new SslObjectRecord(id, type.ToWire(), cert.ChainPem, null, DummyKey, [], fallback, now, now);
        return SslObjectModel.Load(record, revision, now);
    }

    /// <summary>A self-signed leaf valid from <paramref name="notBefore"/> to <paramref name="notAfter"/>.</summary>
    public static TestCert Cert(string[] names, DateTimeOffset notBefore, DateTimeOffset notAfter, bool client = false) =>
        TestPki.SelfSigned(new CertSpec
        {
            CommonName = names[0].TrimStart('*', '.'), DnsNames = names, NotBefore = notBefore, NotAfter = notAfter,
            ExtendedKeyUsages = [client ? Oids.ClientAuth : Oids.ServerAuth],
        });
}
