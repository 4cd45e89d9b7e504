using Gatehouse.Core.Secrets;
using Gatehouse.Core.Services;
using Gatehouse.Core.Ssl;
using Gatehouse.Storage;
using Gatehouse.Testing.Pki;

namespace Gatehouse.Configuration.Tests;

/// <summary>Store items as the Admin API writes them: SSL objects with encrypted keys, services, and the fence.</summary>
internal sealed class StoredItems
{
    public static DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;

    public Keyring Keyring { get; } = Keyring.Generate();

    public ConfigCodec Codec => new(TimeProvider.System, Keyring);

    public StoreItem Ssl(string id, TestCert cert, long revision, SslObjectType type = SslObjectType.Server, EncryptedSecret? key = null,
        bool fallback = false)
    {
        var record = new SslObjectRecord(id, type.ToWire(), cert.ChainPem, null, key ?? Keyring.Encrypt(cert.KeyPem, StoreKeys.Ssl(id)),
            [], fallback, Now, Now);
        return new StoreItem(StoreKeys.Ssl(id), ConfigCodec.Encode(record), revision, 1);
    }

    public static StoreItem Service(ServiceRecord service, long revision) =>
        new(StoreKeys.Service(service.Id), ConfigCodec.Encode(service), revision, 1);

    public static ServiceRecord ServiceRecord(string id, IReadOnlyList<string> hosts, string pathPrefix = "/", string? clientSslId = null) =>
        new(id, id, hosts, pathPrefix, ServiceProtocols.All, [],
            new UpstreamRecord(clientSslId is null ? "http" : "https", [new TargetRecord("backend.test", 8080, 1)], "pass", null, clientSslId,
                null, null, true, TimeoutsRecord.Default), Now, Now);

    public static TestCert ServerCert(params string[] names) => TestPki.SelfSigned(names);

    public static TestCert ServerCert(string name, DateTimeOffset notAfter) => TestPki.SelfSigned(new CertSpec
    {
        CommonName = name, DnsNames = [name], NotBefore = notAfter.AddDays(-30) < Now.AddDays(-1) ? notAfter.AddDays(-30) : Now.AddDays(-1), NotAfter = notAfter,
    });

    public static TestCert ClientCert() => TestPki.SelfSigned(new CertSpec
    {
        CommonName = "gateway-client", DnsNames = null, ExtendedKeyUsages = [Oids.ClientAuth],
    });
}
