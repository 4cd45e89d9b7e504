using System.Collections.Concurrent;
using Gatehouse.Functional.Tests.Api;
using Gatehouse.Testing.Pki;
using Gatehouse.Testing.Tls;

namespace Gatehouse.Functional.Tests.Gateway;

/// <summary>Rotating a certificate under continuous load drops no handshake.</summary>
[Collection(TimingCollection.Name)]
public sealed class RotationTests(GatehouseFixture fixture) : IClassFixture<GatehouseFixture>
{
    [Fact]
    public async Task Twenty_updates_under_a_connection_loop_fail_no_handshake_and_each_new_certificate_is_served()
    {
        var root = TestPki.CreateRoot();
        using var admin = fixture.Process.AdminClient();
        var port = fixture.Process.HttpsPort;
        var first = root.Issue("rotate.test");
        var created = await admin.CreateAsync(SslJson.Body(first));
        var id = created.GetProperty("id").GetString()!;
        await GatewayRevision.WaitForAsync(fixture.Process, created.GetProperty("revision").GetInt64());

        var seen = new ConcurrentDictionary<string, int>();
        int handshakes = 0, failures = 0;
        using var stop = new CancellationTokenSource();
        var loops = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var fingerprint = await TlsProbe.ServedFingerprintAsync(port, "rotate.test");
                Interlocked.Increment(ref handshakes);
                if (fingerprint is null) Interlocked.Increment(ref failures);
                else seen.AddOrUpdate(fingerprint, 1, (_, n) => n + 1);
            }
        })).ToList();

        var rotated = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var next = root.Issue("rotate.test");
            var (status, view, text) = await admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{id}", SslJson.Body(next));
            Assert.True(status == 200, text);
            await GatewayRevision.WaitForAsync(fixture.Process, view.GetProperty("revision").GetInt64());
            var observed = await Eventually.ValueAsync(() => Task.FromResult<string?>(seen.ContainsKey(next.FingerprintSha256) ? next.FingerprintSha256 : null));
            Assert.Equal(next.FingerprintSha256, observed);
            rotated.Add(next.FingerprintSha256);
        }
        await stop.CancelAsync();
        await Task.WhenAll(loops);

        Assert.Equal(0, failures);
        Assert.True(handshakes > 100, $"only {handshakes} handshakes were made");
        Assert.All(rotated, fingerprint => Assert.True(seen.ContainsKey(fingerprint)));
    }
}
