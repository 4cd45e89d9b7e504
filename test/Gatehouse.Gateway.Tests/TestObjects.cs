using Gatehouse.Configuration;
using Gatehouse.Core.Secrets;
using Gatehouse.Core.Services;
using Gatehouse.Core.Ssl;
using Gatehouse.Gateway.Configuration;
using Gatehouse.Gateway.Tls;
using Gatehouse.Storage;
using Gatehouse.Testing.Pki;

namespace Gatehouse.Gateway.Tests;

/// <summary>Builds SSL object models and services the way the gateway reads them from the store.</summary>
internal static class TestObjects
{
    /// <summary>Decryption is never needed where models are built directly (only SnapshotBuilder decrypts).</summary>
    private static readonly EncryptedSecret DummyKey = new("0000000000000000", "AAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAA==");

    public static DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;

    /// <summary>A CA for peer authentication and one that is not trusted anywhere, made once for every test.</summary>
    public static TestCert ClientCa { get; } = TestPki.CreateRoot("Client CA");

    public static TestCert OtherCa { get; } = TestPki.CreateRoot("Other CA");

    public static SslObjectRecord Record(string id, TestCert cert, string? caPem = null, bool fallback = false,
        SslObjectType type = SslObjectType.Server, EncryptedSecret? key = null) =>
        new(id, type.ToWire(), cert.ChainPem, caPem, key ?? DummyKey, [], fallback, Now, Now);

    public static SslObjectModel Server(string id, TestCert cert, string? caPem = null, long revision = 1, bool fallback = false) =>
        SslObjectModel.Load(Record(id, cert, caPem, fallback), revision, Now);

    public static SslObjectModel Client(string id, TestCert cert, string? caPem = null, long revision = 1) =>
        SslObjectModel.Load(Record(id, cert, caPem, type: SslObjectType.Client), revision, Now);

    public static TestCert ServerCert(params string[] names) => TestPki.SelfSigned(names);

    public static TestCert ClientCert(string name = "gateway-client") => TestPki.SelfSigned(new CertSpec
    {
        CommonName = name, DnsNames = null, ExtendedKeyUsages = [Oids.ClientAuth],
    });

    /// <summary>A snapshot serving <paramref name="models"/> (TLS options are not used by the request-level rules).</summary>
    public static GatewaySnapshot Snapshot(params SslObjectModel[] models) => Snapshot(models, []);

    /// <summary>A snapshot of these objects and services, loaded as the feed loads a listing at revision 1.</summary>
    public static GatewaySnapshot Snapshot(IEnumerable<SslObjectModel> models, IEnumerable<ServiceRecord> services)
    {
        var factory = new ServerTlsOptionsFactory(Keyring.Generate(), TimeProvider.System);
        return new SnapshotBuilder(new TlsContextCache(factory), factory).Apply(Model(models, services), ConfigDelta.Everything);
    }

    /// <summary>The configuration model of these objects and services (each stored at its model's revision, services at 1).</summary>
    public static ConfigModel Model(IEnumerable<SslObjectModel> models, IEnumerable<ServiceRecord> services)
    {
        List<StoreItem> items =
        [
            .. models.Select(m => new StoreItem(StoreKeys.Ssl(m.Id), ConfigCodec.Encode(m.Record), m.Revision, 1)),
            .. services.Select(s => new StoreItem(StoreKeys.Service(s.Id), ConfigCodec.Encode(s), 1, 1)),
        ];
        return ConfigModel.Load(items, items.Count == 0 ? 1 : items.Max(i => i.ModRevision), new ConfigCodec(TimeProvider.System));
    }

    public static UpstreamRecord Upstream(string scheme = "http", IReadOnlyList<TargetRecord>? targets = null,
        string? clientSslId = null, string? caPem = null, string? sni = null, bool verify = true, int connectMs = 5000) =>
        new(scheme, targets ?? [new TargetRecord("backend.test", 8080, 1)], "pass", null, clientSslId, caPem, sni, verify,
            new TimeoutsRecord(connectMs, 60000));

    public static ServiceRecord Service(string id, IReadOnlyList<string> hosts, string pathPrefix = "/",
        IReadOnlyList<string>? protocols = null, UpstreamRecord? upstream = null) =>
        new(id, id, hosts, pathPrefix, protocols ?? ServiceProtocols.All, [], upstream ?? Upstream(), Now, Now);
}

/// <summary>A clock standing still at one instant.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
