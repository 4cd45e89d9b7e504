using Gatehouse.Testing.Pki;

namespace Gatehouse.Functional.Tests.Api;

/// <summary>
/// An operator's script that writes with several connections at once: every write to one control plane succeeds
/// (none is refused as "the configuration kept changing"), and each one is there afterwards.
/// </summary>
public sealed class ConcurrentWriteTests(GatehouseFixture fixture) : IClassFixture<GatehouseFixture>
{
    [Fact]
    public async Task Sixty_four_creates_from_sixteen_connections_all_succeed()
    {
        var root = TestPki.CreateRoot("Concurrent Root");
        var certs = Enumerable.Range(0, 64)
            .Select(i => root.Issue(new CertSpec { DnsNames = [$"c{i}.concurrent.test"], Key = KeyKind.EcP256 }))
            .ToList();
        var clients = Enumerable.Range(0, 16).Select(_ => fixture.Process.AdminClient()).ToList();
        var statuses = await Task.WhenAll(certs.Select(async (cert, i) =>
        {
            var (status, _, text) = await clients[i % clients.Count].SendAsync(HttpMethod.Post, "/api/v1/ssls", SslJson.Body(cert));
            return (status, text);
        }));
        Assert.All(statuses, s => Assert.True(s.status == 201, $"{s.status}: {s.text}"));

        for (var i = 0; i < certs.Count; i++)
        {
            var (status, _, text) = await clients[0].SendAsync(HttpMethod.Get, $"/api/v1/ssls?sni=c{i}.concurrent.test");
            Assert.True(status == 200, text);
            Assert.Contains(certs[i].FingerprintSha256, text);
        }
    }
}
