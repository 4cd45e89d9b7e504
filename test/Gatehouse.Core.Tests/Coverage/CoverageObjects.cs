using Gatehouse.Core.Secrets;
using Gatehouse.Core.Services;
using Gatehouse.Core.Ssl;
using Gatehouse.Testing.Pki;

namespace Gatehouse.Core.Tests.Coverage;

/// <summary>SSL object models (optionally with a CA set) and stored services for coverage and impact tests.</summary>
internal static class CoverageObjects
{
    private static readonly EncryptedSecret DummyKey = new("0000000000000000", "AAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAA==");

    /// <summary>The lookup time; whole seconds, as certificates store them.</summary>
    public static DateTimeOffset Now { get; } = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    public static SslObjectModel Server(string id, string[] snis, string? caPem = null, long revision = 1,
        TimeSpan? from = null, TimeSpan? to = null, SslObjectType type = SslObjectType.Server)
    {
        var cert = TestPki.SelfSigned(new CertSpec
        {
            CommonName = snis[0].TrimStart('*', '.'), DnsNames = snis,
            NotBefore = Now + (from ?? TimeSpan.FromDays(-1)), NotAfter = Now + (to ?? TimeSpan.FromDays(30)),
            ExtendedKeyUsages = [type == SslObjectType.Client ? Oids.ClientAuth : Oids.ServerAuth],
        });
        var record = new SslObjectRecord(id, type.ToWire(), cert.ChainPem, caPem, DummyKey, [], false, Now, Now);
        return SslObjectModel.Load(record, revision, Now);
    }

    public static ServiceModel Service(string id, string[] hosts, params string[] protocols) => new(
        new ServiceRecord(id, id, hosts, "/", protocols.Length == 0 ? ServiceProtocols.All : protocols, [],
            new UpstreamRecord("http", [new TargetRecord("backend.test", 8080, 1)], "pass", null, null, null, null, true,
                TimeoutsRecord.Default), Now, Now),
        1);
}
