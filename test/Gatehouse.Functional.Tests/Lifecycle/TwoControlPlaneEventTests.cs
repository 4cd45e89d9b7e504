using System.Security.Cryptography;
using Gatehouse.Functional.Tests.Api;
using Gatehouse.Testing.Etcd;
using Gatehouse.Testing.Pki;
using Gatehouse.Testing.Process;

namespace Gatehouse.Functional.Tests.Lifecycle;

/// <summary>
/// Two control planes on one real etcd both scan and deliver (DESIGN.md §12): each crossing is recorded once and
/// delivered once, also after one of them restarts.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class TwoControlPlaneEventTests : IDisposable
{
    private readonly TestClock _clock = new();

    public void Dispose() => _clock.Dispose();

    private static async Task WaitSettledAsync(HttpClient admin)
    {
        var settled = await Eventually.ValueAsync(async () => await NotifierTests.EventsAsync(admin), TimeSpan.FromSeconds(20),
            events => events!.All(e => e.GetProperty("deliveries").EnumerateArray().All(d => d.GetProperty("state").GetString() == "delivered")));
        Assert.All(settled!, e => Assert.All(e.GetProperty("deliveries").EnumerateArray(), d => Assert.Equal("delivered", d.GetProperty("state").GetString())));
    }

    [Fact]
    public async Task Two_control_planes_record_and_deliver_each_threshold_exactly_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var etcd = await EtcdServer.StartAsync();
        var store = "etcd://" + new Uri(etcd.Endpoint).Authority;
        var environment = new Dictionary<string, string?>
        {
            ["GATEHOUSE_KEYRING"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["GATEHOUSE_TEST_CLOCK_FILE"] = _clock.Path,
            // Both scan often and retry fast, so they race for every crossing and every delivery.
            ["GATEHOUSE_LIFECYCLE_INTERVAL_MS"] = "100",
            ["GATEHOUSE_NOTIFY_RETRY_MS"] = "100",
        };
        var first = await GatehouseProcess.StartRoleAsync("control-plane", environment, waitReady: true, "--store", store);
        var second = await GatehouseProcess.StartRoleAsync("control-plane", environment, waitReady: true, "--store", store);
        try
        {
            await NotifierTests.CreateNotifierAsync(first.AdminClient(), NotifierTests.NotifierBody(receiver.Url));
            var cert = TestPki.CreateRoot("Two CP Root").Issue(new CertSpec
            {
                CommonName = "two.notify.test", DnsNames = ["two.notify.test"], NotAfter = DateTimeOffset.UtcNow.AddDays(40),
            });
            var ssl = await second.AdminClient().CreateAsync(SslJson.Body(cert));
            var notAfter = ssl.GetProperty("not_after").GetDateTimeOffset();

            _clock.Set(notAfter - DateTimeOffset.UtcNow - TimeSpan.FromDays(29.5));
            await NotifierTests.WaitForAsync(receiver, 1, TimeSpan.FromSeconds(20));
            // Delivery leases are measured on the same clock: jumping it 16 days while an attempt is in flight would expire
            // that lease at once (a clock jump no real cluster makes), so the jump waits until the delivery is written back.
            await WaitSettledAsync(first.AdminClient());
            _clock.Set(notAfter - DateTimeOffset.UtcNow - TimeSpan.FromDays(13.5));
            await NotifierTests.WaitForAsync(receiver, 2, TimeSpan.FromSeconds(20));

            // Restart one of them: neither records nor sends anything again.
            await first.KillAsync();
            await first.DisposeAsync();
            first = await GatehouseProcess.StartRoleAsync("control-plane", environment, waitReady: true, "--store", store);
            await Task.Delay(TimeSpan.FromSeconds(3));

            var received = receiver.Requests;
            Assert.Equal(2, received.Count);
            Assert.Equal([30, 14], received.Select(r => r.Json.GetProperty("threshold_days").GetInt32()));
            Assert.Equal(2, received.Select(r => r.Json.GetProperty("id").GetString()).Distinct().Count());
            foreach (var process in new[] { first, second })
            {
                var events = await NotifierTests.EventsAsync(process.AdminClient());
                Assert.Equal(2, events.Count);
                Assert.All(events, e => Assert.Equal(1, e.GetProperty("deliveries")[0].GetProperty("attempts").GetInt32()));
            }
        }
        finally
        {
            await first.DisposeAsync();
            await second.DisposeAsync();
        }
    }
}
