using Gatehouse.Testing.Tls;
using Gatehouse.Testing.Process;

namespace Gatehouse.Functional.Tests.Gateway;

/// <summary>DESIGN.md §7: SIGTERM drains in-flight requests, then the process exits 0. Owns its process.</summary>
public sealed class DrainTests
{
    [Fact]
    public async Task Sigterm_lets_an_in_flight_request_complete_and_exits_zero()
    {
        await using var upstream = await EchoUpstream.StartAsync("drain");
        await using var gatehouse = await GatehouseProcess.StartAsync();
        await gatehouse.CreateServiceAsync(ServiceRequests.Body("drain", ["drain.test"], (upstream.Port, 1)));

        // Longer than System.CommandLine's default 2 s termination timeout, well within the hosts' 30 s drain.
        var inFlight = Curl.GetAsync($"http://drain.test:{gatehouse.HttpPort}/slow?ms=3000");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (upstream.SlowStarted == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the slow request never reached the upstream");
            await Task.Delay(10);
        }

        var exitCode = await gatehouse.StopAsync(TimeSpan.FromSeconds(20));
        var result = await inFlight;
        Assert.True(result.Status == 200, $"exit {exitCode}, status {result.Status}: {gatehouse.Output}");
        Assert.Equal("drain", result.Json.GetProperty("name").GetString());
        Assert.Equal(0, exitCode);
    }
}
