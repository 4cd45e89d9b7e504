using Gatehouse.Testing.Process;
using Gatehouse.Testing.Tls;

namespace Gatehouse.Functional.Tests.Gateway;

/// <summary>
/// The TLS probes every negative assertion is built on tell a refusal by the gateway from a probe that never asked it:
/// pointed at a closed port, an "is not served" assertion fails instead of passing on nothing.
/// </summary>
public sealed class ProbeOutcomeTests(GatehouseFixture fixture) : IClassFixture<GatehouseFixture>
{
    private const string UnknownName = "unknown.probe.test";

    private static int ClosedPort() => FreePort.Next();

    [Fact]
    public async Task An_unknown_name_at_the_gateway_is_a_refusal_for_every_probe()
    {
        var port = fixture.Process.HttpsPort;

        var openssl = await OpenSslClient.ProbeAsync(port, UnknownName);
        Assert.True(openssl.IsRefused, openssl.ToString());
        var dotnet = await TlsProbe.ProbeAsync(port, UnknownName);
        Assert.True(dotnet.IsRefused, dotnet.ToString());
        var curl = await Curl.GetAsync($"https://{UnknownName}:{port}/", null, "-k");
        Assert.True(curl.RefusedTls, curl.ToString());
        Assert.Null(await OpenSslClient.ServedFingerprintAsync(port, UnknownName));
        Assert.Null(await TlsProbe.ServedFingerprintAsync(port, UnknownName));
    }

    [Fact]
    public async Task A_negative_assertion_pointed_at_a_closed_port_fails()
    {
        var closed = ClosedPort();

        Assert.Equal(TlsOutcome.Unreachable, (await OpenSslClient.ProbeAsync(closed, UnknownName)).Outcome);
        Assert.Equal(TlsOutcome.Unreachable, (await TlsProbe.ProbeAsync(closed, UnknownName)).Outcome);
        // The assertions the gateway tests make ("this name is not served") fail here: nothing was asked.
        await Assert.ThrowsAsync<TlsProbeFailedException>(async () => Assert.Null(await OpenSslClient.ServedFingerprintAsync(closed, UnknownName)));
        await Assert.ThrowsAsync<TlsProbeFailedException>(async () => Assert.Null(await TlsProbe.ServedFingerprintAsync(closed, UnknownName)));
        await Assert.ThrowsAsync<TlsProbeFailedException>(() => TlsProbe.ConnectAsync(closed, UnknownName));
        var curl = await Curl.GetAsync($"https://{UnknownName}:{closed}/", null, "-k");
        Assert.False(curl.RefusedTls, curl.ToString());
        Assert.Equal(7, curl.ExitCode);
    }

    [Fact]
    public async Task A_probe_that_cannot_run_is_a_tool_failure_not_a_refusal()
    {
        var result = await OpenSslClient.ProbeAsync(fixture.Process.HttpsPort, UnknownName, "-no-such-option");

        Assert.Equal(TlsOutcome.ToolFailed, result.Outcome);
        Assert.Throws<TlsProbeFailedException>(() => result.FingerprintOrNullWhenRefused());
    }
}
