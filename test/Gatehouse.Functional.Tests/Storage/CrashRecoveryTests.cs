using System.Text.Json;
using Gatehouse.Functional.Tests.Api;
using Gatehouse.Testing.Pki;
using Gatehouse.Testing.Process;

namespace Gatehouse.Functional.Tests.Storage;

/// <summary>SIGKILL during a stream of writes loses no acknowledged write and leaves nothing half-written.</summary>
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task Every_acknowledged_write_survives_sigkill_whole()
    {
        var data = Directory.CreateTempSubdirectory("gatehouse-crash-").FullName;
        try
        {
            var root = TestPki.CreateRoot();
            var certs = Enumerable.Range(0, 40).Select(i => root.Issue($"n{i}.crash.test")).ToArray();
            var acknowledged = new Dictionary<string, string>(); // id -> fingerprint
            var inFlight = new Dictionary<string, string>(); // id -> fingerprint of a PUT not yet answered
            var failedBeforeKill = new List<string>(); // a refused or broken write before the kill proves nothing about the crash
            var killing = false;
            await using (var gatehouse = await GatehouseProcess.StartInAsync(data, ownsDirectory: false))
            {
                using var admin = gatehouse.AdminClient();
                using var stop = new CancellationTokenSource();
                var writer = Task.Run(async () =>
                {
                    var i = 0;
                    while (!stop.IsCancellationRequested)
                    {
                        var cert = certs[i++ % certs.Length];
                        try
                        {
                            var response = await admin.PostAsync("/api/v1/ssls", SslJson.Content(SslJson.Body(cert)));
                            if ((int)response.StatusCode != 201)
                            {
                                lock (acknowledged) if (!killing) failedBeforeKill.Add($"POST answered {(int)response.StatusCode}");
                                continue;
                            }
                            var view = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                            lock (acknowledged) acknowledged[view.GetProperty("id").GetString()!] = cert.FingerprintSha256;
                            // Replace a previous object with a renewed certificate (a multi-field rewrite).
                            if (i % 3 == 0)
                            {
                                var id = view.GetProperty("id").GetString()!;
                                var renewed = root.Issue(cert.Certificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.DnsName, false));
                                lock (acknowledged) inFlight[id] = renewed.FingerprintSha256;
                                var put = await admin.PutAsync($"/api/v1/ssls/{id}", SslJson.Content(SslJson.Body(renewed)));
                                lock (acknowledged)
                                {
                                    inFlight.Remove(id);
                                    if ((int)put.StatusCode == 200) acknowledged[id] = renewed.FingerprintSha256;
                                    else if (!killing) failedBeforeKill.Add($"PUT answered {(int)put.StatusCode}");
                                }
                            }
                        }
                        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                        {
                            lock (acknowledged) if (!killing) failedBeforeKill.Add($"{e.GetType().Name}: {e.Message}");
                            return;
                        }
                    }
                });
                // Let writes stream, then kill mid-flight.
                var deadline = DateTime.UtcNow.AddSeconds(20);
                while (DateTime.UtcNow < deadline && acknowledged.Count < 60) await Task.Delay(20);
                lock (acknowledged) killing = true;
                await gatehouse.KillAsync();
                stop.Cancel();
                await writer;
            }
            Assert.True(failedBeforeKill.Count == 0, "writes failed before the kill: " + string.Join("; ", failedBeforeKill));
            Assert.True(acknowledged.Count >= 10, $"only {acknowledged.Count} writes were acknowledged before the kill");

            await using var restarted = await GatehouseProcess.StartInAsync(data, ownsDirectory: false);
            using var client = restarted.AdminClient();
            var items = JsonDocument.Parse(await client.GetStringAsync("/api/v1/ssls?limit=1000")).RootElement.GetProperty("items");
            var stored = items.EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!, e => e);
            foreach (var (id, fingerprint) in acknowledged)
            {
                Assert.True(stored.ContainsKey(id), $"acknowledged object {id} is missing after the crash");
                var actual = stored[id].GetProperty("fingerprint_sha256").GetString();
                Assert.True(actual == fingerprint || inFlight.GetValueOrDefault(id) == actual, $"object {id} has neither its acknowledged nor its in-flight certificate");
            }
            // Nothing half-written: every stored object loads whole (no bad items) and at most one unacknowledged write exists.
            var ready = JsonDocument.Parse(await client.GetStringAsync("/readyz")).RootElement;
            Assert.Equal(0, ready.GetProperty("bad_store_items").GetArrayLength());
            Assert.InRange(stored.Count - acknowledged.Count, 0, 1);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
