using System.Text.RegularExpressions;
using Gatehouse.Testing.Process;
using Gatehouse.Testing.Tls;
using Gatehouse.Testing.Metrics;

namespace Gatehouse.Functional.Tests.Gateway;

/// <summary>
/// DESIGN.md §9 access log: client-chosen text cannot forge lines, <c>--access-log PATH</c> keeps every line across
/// SIGTERM, <c>--access-log off</c> writes none, and dropped lines are a metric.
/// </summary>
public sealed class AccessLogTests(GatehouseFixture fixture) : TwoUpstreamsTests(fixture, "Access Log Test Root")
{
    [Fact]
    public async Task Control_characters_in_the_decoded_path_are_escaped_so_they_cannot_forge_a_line()
    {
        await Gatehouse.CreateServiceAsync(ServiceRequests.Body("esc", ["esc.log.test"], (A.Port, 1)));
        // Decoded by the server: CR LF, a fake line, an ANSI colour escape, a space and a backslash.
        var result = await HttpAsync("esc.log.test", "/a%0D%0Aforged=1%1B[31mred%20x%5Cy", "--globoff", "--path-as-is");
        Assert.Equal(200, result.Status);

        var line = await Eventually.ValueAsync(() => Task.FromResult(
            Gatehouse.Output.Split('\n').FirstOrDefault(l => l.Contains("host=esc.log.test", StringComparison.Ordinal))), TimeSpan.FromSeconds(5));
        Assert.NotNull(line);
        Assert.Contains(@" /a\x0D\x0Aforged=1\x1B[31mred\x20x\x5Cy HTTP/1.1 status=200 ", line);
        Assert.DoesNotContain('\u001b', Gatehouse.Output);
        Assert.DoesNotContain("\rforged", Gatehouse.Output);
        Assert.DoesNotContain("\nforged", Gatehouse.Output);
    }

    [Fact]
    public async Task A_file_access_log_keeps_the_line_of_a_request_in_flight_at_sigterm_and_off_writes_none()
    {
        var file = Path.Combine(Path.GetTempPath(), $"gatehouse-access-{Guid.NewGuid():N}.log");
        try
        {
            await using var upstream = await EchoUpstream.StartAsync("inflight");
            await using (var gatehouse = await GatehouseProcess.StartAsync(null, "--access-log", file))
            {
                await gatehouse.CreateServiceAsync(ServiceRequests.Body("f", ["file.log.test"], (upstream.Port, 1)));
                for (var i = 0; i < 20; i++)
                    Assert.Equal(200, (await Curl.GetAsync($"http://file.log.test:{gatehouse.HttpPort}/n{i}")).Status);
                var inFlight = Curl.GetAsync($"http://file.log.test:{gatehouse.HttpPort}/slow?ms=1500");
                var deadline = DateTime.UtcNow.AddSeconds(10);
                while (upstream.SlowStarted == 0)
                {
                    Assert.True(DateTime.UtcNow < deadline, "the slow request never reached the upstream");
                    await Task.Delay(10);
                }
                Assert.Equal(0, await gatehouse.StopAsync(TimeSpan.FromSeconds(20)));
                Assert.Equal(200, (await inFlight).Status);
                // The file, not stdout, has the lines.
                Assert.DoesNotContain("host=file.log.test", gatehouse.Output);
            }
            var lines = File.ReadAllLines(file);
            Assert.Equal(21, lines.Count(l => l.Contains("host=file.log.test", StringComparison.Ordinal)));
            Assert.All(Enumerable.Range(0, 20), i => Assert.Single(lines, l => l.Contains($" /n{i} HTTP/1.1 status=200 ", StringComparison.Ordinal)));
            Assert.Single(lines, l => l.Contains(" /slow HTTP/1.1 status=200 ", StringComparison.Ordinal));
            Assert.All(lines, l => Assert.Matches(new Regex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z access client=127\.0\.0\.1 sni=- host=\S+ ssl=- service=\S+ GET /\S* HTTP/1\.1 status=\d{3} upstream=\S+ latency_ms=\d+\.\d$"), l));

            await using var quiet = await GatehouseProcess.StartAsync(null, "--access-log", "off");
            await quiet.CreateServiceAsync(ServiceRequests.Body("o", ["off.log.test"], (upstream.Port, 1)));
            Assert.Equal(200, (await Curl.GetAsync($"http://off.log.test:{quiet.HttpPort}/quiet")).Status);
            using var metrics = quiet.AdminClient(token: null);
            Assert.Contains((await PrometheusScrape.GetAsync(metrics)).Series("gatehouse_requests_total"),
                s => s.Labels.ContainsKey("service") && s.Labels.GetValueOrDefault("class") == "2xx" && s.Value >= 1);
            Assert.Equal(0, await quiet.StopAsync(TimeSpan.FromSeconds(20)));
            Assert.DoesNotContain("off.log.test", quiet.Output);
            Assert.DoesNotContain("/quiet", quiet.Output);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
