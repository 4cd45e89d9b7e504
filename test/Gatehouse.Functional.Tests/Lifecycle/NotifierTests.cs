using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Functional.Tests.Api;
using Gatehouse.Testing.Pki;
using Gatehouse.Testing.Process;
using Gatehouse.Testing.Metrics;

namespace Gatehouse.Functional.Tests.Lifecycle;

/// <summary>
/// Expiry events delivered to a real webhook receiver on loopback (DESIGN.md §12): one per threshold, signed, retried
/// through an outage, never repeated after a restart. The process's clock is moved forward through a test clock file.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class NotifierTests : IDisposable
{
    private const string Secret = "webhook-secret-0123456789";
    private static readonly TestCert Root = TestPki.CreateRoot("Notifier Root");
    private readonly TestClock _clock = new();

    public void Dispose() => _clock.Dispose();

    private Dictionary<string, string?> Environment => new()
    {
        ["GATEHOUSE_TEST_CLOCK_FILE"] = _clock.Path,
        ["GATEHOUSE_LIFECYCLE_INTERVAL_MS"] = "200",
        ["GATEHOUSE_NOTIFY_RETRY_MS"] = "200",
    };

    internal static JsonObject NotifierBody(string url, string? secret = Secret) => new()
    {
        ["url"] = url,
        ["secret"] = secret,
    };

    internal static async Task<JsonElement> CreateNotifierAsync(HttpClient admin, JsonObject body)
    {
        var (status, created, text) = await admin.SendAsync(HttpMethod.Post, "/api/v1/notifiers", body);
        Assert.True(status == 201, text);
        return created;
    }

    internal static async Task<List<JsonElement>> EventsAsync(HttpClient admin, string query = "")
    {
        using var page = JsonDocument.Parse(await admin.GetStringAsync("/api/v1/events" + query));
        return [.. page.RootElement.GetProperty("items").EnumerateArray().Select(e => e.Clone())];
    }

    internal static async Task<IReadOnlyList<WebhookReceiver.Received>> WaitForAsync(WebhookReceiver receiver, int count, TimeSpan within)
    {
        var received = await Eventually.ValueAsync(() => Task.FromResult<IReadOnlyList<WebhookReceiver.Received>?>(receiver.Requests), within,
            r => r!.Count >= count);
        Assert.True(received!.Count >= count, $"the receiver got {received.Count} deliveries, expected {count}");
        return received;
    }

    [Fact]
    public async Task Each_threshold_is_delivered_once_signed_then_expired_and_nothing_repeats_after_a_restart()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var data = Directory.CreateTempSubdirectory("gatehouse-notify-").FullName;
        // The first process leaves the data directory behind for the restart; the second one deletes it.
        var process = await GatehouseProcess.StartInAsync(data, ownsDirectory: false, Environment);
        try
        {
            var admin = process.AdminClient();
            var notifier = await CreateNotifierAsync(admin, NotifierBody(receiver.Url));
            Assert.False(notifier.TryGetProperty("secret", out _));
            Assert.True(notifier.GetProperty("has_secret").GetBoolean());
            Assert.Equal([30, 14, 7, 1], notifier.GetProperty("thresholds_days").EnumerateArray().Select(d => d.GetInt32()));

            var cert = Root.Issue(new CertSpec { CommonName = "expiring.notify.test", DnsNames = ["expiring.notify.test"], NotAfter = DateTimeOffset.UtcNow.AddDays(40) });
            var sslBody = SslJson.Body(cert);
            sslBody["name"] = "expiring-notify";
            var ssl = await admin.CreateAsync(sslBody);
            var id = ssl.GetProperty("id").GetString()!;
            var notAfter = ssl.GetProperty("not_after").GetDateTimeOffset();

            // Each step puts the clock just inside one more threshold; the receiver gets exactly one more event each time.
            var steps = new (double DaysLeft, string Type, int? Threshold)[]
            {
                (29.5, "ssl.expiring", 30), (13.5, "ssl.expiring", 14), (6.5, "ssl.expiring", 7), (0.5, "ssl.expiring", 1), (-0.5, "ssl.expired", null),
            };
            for (var i = 0; i < steps.Length; i++)
            {
                var (daysLeft, type, threshold) = steps[i];
                _clock.Set(notAfter - DateTimeOffset.UtcNow - TimeSpan.FromDays(daysLeft));
                var received = await WaitForAsync(receiver, i + 1, TimeSpan.FromSeconds(20));
                var body = received[i].Json;
                Assert.Equal(type, body.GetProperty("type").GetString());
                Assert.Equal(threshold, body.GetProperty("threshold_days") is { ValueKind: JsonValueKind.Number } t ? t.GetInt32() : null);
                Assert.Equal(id, body.GetProperty("ssl").GetProperty("id").GetString());
                Assert.Equal("expiring-notify", body.GetProperty("ssl").GetProperty("name").GetString());
                Assert.Equal(cert.FingerprintSha256, body.GetProperty("ssl").GetProperty("fingerprint_sha256").GetString());
                Assert.Equal(["expiring.notify.test"], body.GetProperty("ssl").GetProperty("snis").EnumerateArray().Select(s => s.GetString()));
                Assert.True(received[i].SignedWith(Secret), "X-Gatehouse-Signature is the HMAC-SHA256 of the body");
                Assert.DoesNotContain(Secret, received[i].Json.ToString());
                Assert.False(received[i].SignedWith("another-secret-0123456789"));
            }

            // Many more scans: nothing is repeated.
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Equal(5, receiver.Requests.Count);
            var events = await EventsAsync(admin);
            Assert.Equal(5, events.Count);
            Assert.All(events, e => Assert.Equal("delivered", Assert.Single(e.GetProperty("deliveries").EnumerateArray()).GetProperty("state").GetString()));
            Assert.Single(await EventsAsync(admin, "?type=ssl.expired"));
            Assert.Equal(5, receiver.Requests.Select(r => r.Json.GetProperty("id").GetString()).Distinct().Count());
            using (var metrics = new HttpClient { BaseAddress = process.AdminUri })
            {
                var scrape = await PrometheusScrape.GetAsync(metrics);
                Assert.Equal(4, scrape.Value("gatehouse_events_recorded_total", ("type", "ssl.expiring")));
                Assert.Equal(1, scrape.Value("gatehouse_events_recorded_total", ("type", "ssl.expired")));
                Assert.Equal(4, scrape.Value("gatehouse_event_deliveries_total", ("type", "ssl.expiring"), ("result", "delivered")));
            }

            // A restart on the same data records and sends nothing again.
            await process.KillAsync();
            await process.DisposeAsync();
            process = await GatehouseProcess.StartInAsync(data, ownsDirectory: true, Environment);
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Equal(5, receiver.Requests.Count);
            Assert.Equal(5, (await EventsAsync(process.AdminClient())).Count);
        }
        finally
        {
            await process.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_receiver_that_is_down_gets_the_event_once_it_is_back()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await receiver.StopAsync();
        await using var process = await GatehouseProcess.StartAsync(Environment);
        var admin = process.AdminClient();
        await CreateNotifierAsync(admin, NotifierBody(receiver.Url));
        var cert = Root.Issue(new CertSpec { CommonName = "outage.notify.test", DnsNames = ["outage.notify.test"], NotAfter = DateTimeOffset.UtcNow.AddDays(5) });
        await admin.CreateAsync(SslJson.Body(cert));

        // Recorded before delivery, then retried while the receiver refuses connections.
        var failing = await Eventually.ValueAsync(async () => (await EventsAsync(admin)).FirstOrDefault(), TimeSpan.FromSeconds(20),
            e => e.ValueKind == JsonValueKind.Object && e.GetProperty("deliveries")[0].GetProperty("attempts").GetInt32() >= 2);
        var delivery = failing.GetProperty("deliveries")[0];
        Assert.True(delivery.GetProperty("attempts").GetInt32() >= 2, failing.ToString());
        Assert.Equal("pending", delivery.GetProperty("state").GetString());
        Assert.Equal(7, failing.GetProperty("threshold_days").GetInt32());
        Assert.Contains("request failed", delivery.GetProperty("last_error").GetString());
        Assert.Empty(receiver.Requests);

        await receiver.StartAgainAsync();
        var received = await WaitForAsync(receiver, 1, TimeSpan.FromSeconds(30));
        Assert.Equal(failing.GetProperty("id").GetString(), received[0].Json.GetProperty("id").GetString());
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(receiver.Requests);
        var delivered = (await EventsAsync(admin)).Single().GetProperty("deliveries")[0];
        Assert.Equal("delivered", delivered.GetProperty("state").GetString());
        Assert.Equal(204, delivered.GetProperty("last_status").GetInt32());
        using var metrics = new HttpClient { BaseAddress = process.AdminUri };
        var scrape = await PrometheusScrape.GetAsync(metrics);
        Assert.True(scrape.Value("gatehouse_event_deliveries_total", ("type", "ssl.expiring"), ("result", "retry")) >= 2, scrape.Text);
        Assert.Equal(1, scrape.Value("gatehouse_event_deliveries_total", ("type", "ssl.expiring"), ("result", "delivered")));
    }

    [Fact]
    public async Task Notifier_writes_are_validated_and_the_secret_never_comes_back()
    {
        await using var process = await GatehouseProcess.StartAsync(Environment);
        var admin = process.AdminClient();

        var (status, error, _) = await admin.SendAsync(HttpMethod.Post, "/api/v1/notifiers",
            new JsonObject { ["url"] = "http://hooks.example.test/x", ["thresholds_days"] = new JsonArray(0), ["events"] = new JsonArray("ssl.nope") });
        Assert.Equal(400, status);
        Assert.Equal(["invalid_parameter", "invalid_parameter", "invalid_parameter"], error.DetailCodes());
        Assert.DoesNotContain("hooks.example.test", error.ToString());

        // A refused secret (too short, or pasted into the wrong field) is not repeated by the error.
        const string shortSecret = "short-secret-15";
        var (shortStatus, shortError, shortText) = await admin.SendAsync(HttpMethod.Post, "/api/v1/notifiers",
            new JsonObject { ["url"] = "https://hooks.example.test/x", ["secret"] = shortSecret });
        Assert.Equal(400, shortStatus);
        Assert.Equal("invalid_parameter", shortError.Code());
        Assert.DoesNotContain(shortSecret, shortText);
        var (misplacedStatus, _, misplacedText) = await admin.SendAsync(HttpMethod.Post, "/api/v1/notifiers",
            new JsonObject { ["url"] = Secret, ["events"] = Secret, ["thresholds_days"] = Secret });
        Assert.Equal(400, misplacedStatus);
        Assert.DoesNotContain(Secret, misplacedText);

        var created = await CreateNotifierAsync(admin, new JsonObject
        {
            ["url"] = "https://hooks.example.test/x", ["secret"] = Secret, ["thresholds_days"] = new JsonArray(3, 10), ["events"] = new JsonArray("ssl.revoked"),
        });
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal([10, 3], created.GetProperty("thresholds_days").EnumerateArray().Select(d => d.GetInt32()));

        // An omitted secret is kept; an empty one removes it.
        var (putStatus, kept, putText) = await admin.SendAsync(HttpMethod.Put, $"/api/v1/notifiers/{id}", new JsonObject { ["url"] = "https://hooks.example.test/y" });
        Assert.True(putStatus == 200, putText);
        Assert.True(kept.GetProperty("has_secret").GetBoolean());
        Assert.Equal(JsonValueKind.Null, kept.GetProperty("events").ValueKind);

        Assert.DoesNotContain(Secret, created.ToString());
        Assert.DoesNotContain(Secret, kept.ToString());
        using var metricsClient = new HttpClient { BaseAddress = process.AdminUri };
        foreach (var text in new[]
                 {
                     await admin.GetStringAsync("/api/v1/notifiers"), await admin.GetStringAsync($"/api/v1/notifiers/{id}"),
                     await admin.GetStringAsync("/api/v1/events"), await metricsClient.GetStringAsync("/metrics"), process.Output,
                 })
            Assert.DoesNotContain(Secret, text);
        // The database and its write-ahead log (the lock file is held open by the process).
        var stored = string.Join("\n", new[] { "gatehouse.db", "gatehouse.db-wal" }.Select(f => Path.Combine(process.DataDirectory, f))
            .Where(File.Exists).Select(f => File.ReadAllText(f)));
        Assert.DoesNotContain(Secret, stored);

        var (cleared, removed, _) = await admin.SendAsync(HttpMethod.Put, $"/api/v1/notifiers/{id}", new JsonObject { ["url"] = "https://hooks.example.test/y", ["secret"] = "" });
        Assert.Equal(200, cleared);
        Assert.False(removed.GetProperty("has_secret").GetBoolean());
        Assert.Equal(204, (int)(await admin.DeleteAsync($"/api/v1/notifiers/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/notifiers/{id}")).StatusCode);

        var (badQuery, queryError, _) = await admin.SendAsync(HttpMethod.Get, "/api/v1/events?since=yesterday");
        Assert.Equal(400, badQuery);
        Assert.Equal("invalid_parameter", queryError.Code());
    }
}
