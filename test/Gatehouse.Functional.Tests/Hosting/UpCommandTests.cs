using System.Net;
using Gatehouse.Testing.Process;

namespace Gatehouse.Functional.Tests.Hosting;

public sealed class UpCommandTests
{
    [Fact]
    public async Task Without_a_configured_token_one_is_generated_0600_printed_once_and_reused()
    {
        var data = Directory.CreateTempSubdirectory("gatehouse-token-").FullName;
        try
        {
            var noToken = new Dictionary<string, string?> { ["GATEHOUSE_ADMIN_TOKEN"] = null, ["GATEHOUSE_KEYRING"] = null };
            string token;
            await using (var first = await GatehouseProcess.StartInAsync(data, ownsDirectory: false, noToken))
            {
                var tokenPath = Path.Combine(data, "admin-token");
                token = File.ReadAllText(tokenPath).Trim();
                Assert.True(token.Length >= 32);
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(tokenPath));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, "keyring")));
                await WaitForAsync(() => first.Output.Contains(token));
                using var client = first.AdminClient(token);
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/ssls")).StatusCode);
                Assert.Equal(0, await first.StopAsync(TimeSpan.FromSeconds(15)));
            }
            await using var second = await GatehouseProcess.StartInAsync(data, ownsDirectory: false, noToken);
            using var again = second.AdminClient(token);
            Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/v1/ssls")).StatusCode);
            Assert.DoesNotContain(token, second.Output);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_short_token_or_a_non_loopback_admin_without_tls_refuses_to_start()
    {
        var shortToken = await RunAsync(new() { ["GATEHOUSE_ADMIN_TOKEN"] = "short" });
        Assert.Equal(1, shortToken.ExitCode);
        Assert.Contains("shorter than 32", shortToken.Output);

        var exposed = await RunAsync([], "--admin-listen", "0.0.0.0:0");
        Assert.Equal(2, exposed.ExitCode);
        Assert.Contains("--admin-insecure", exposed.Output);
    }

    [Fact]
    public async Task Help_lists_up_and_its_options()
    {
        var help = await RunAsync([], "--help", prefixUp: false);
        Assert.Equal(0, help.ExitCode);
        // A command line of the root help, not any word that happens to contain "up".
        Assert.Matches(@"(?m)^\s+up\s+\S", help.Output);
        var upHelp = await RunAsync([], "--help");
        Assert.Equal(0, upHelp.ExitCode);
        Assert.Contains("--data", upHelp.Output);
        Assert.Contains("--admin-listen", upHelp.Output);
        Assert.Contains("--token-file", upHelp.Output);
    }

    /// <summary>
    /// The gateway listens about half a second before the Admin API (README.md). A SIGTERM in that window stops both as a
    /// SIGTERM does at any other time: exit 0, no "fail" or "crit" log line (a cancelled host start logs both).
    /// </summary>
    [Fact]
    public async Task A_sigterm_while_the_admin_api_starts_is_a_clean_stop()
    {
        var outputs = new List<string>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await using var gatehouse = GatehouseProcess.LaunchUp();
            var listening = await Eventually.ValueAsync(() => LoopbackPort.AcceptsAsync(gatehouse.HttpsPort), TimeSpan.FromSeconds(60), open => open);
            Assert.True(listening, "the gateway never listened:\n" + gatehouse.Output);
            var exitCode = await gatehouse.StopAsync(TimeSpan.FromSeconds(20));
            var output = gatehouse.Output;
            Assert.True(exitCode == 0, $"exit {exitCode}:\n{output}");
            Assert.DoesNotMatch(@"(?m)\b(fail|crit): ", output);
            // "gatehouse is up" is printed once the Admin API listens: without it the SIGTERM landed in the window.
            if (!output.Contains("gatehouse is up")) return;
            outputs.Add(output);
        }
        Assert.Fail("no SIGTERM of 5 landed between the gateway's start and the Admin API's, so the test did not run:\n" +
            string.Join("\n---\n", outputs));
    }

    /// <summary>
    /// A listener address that is already taken, or named by two options, is reported before the configuration loads
    /// (seconds at 100 000 objects), and `up` never opens its gateway only to stop it again because its Admin API cannot listen.
    /// </summary>
    [Fact]
    public async Task A_taken_or_repeated_port_is_reported_before_the_load()
    {
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var adminPort = ((IPEndPoint)taken.LocalEndpoint).Port;
        await AssertRefusedBeforeTheLoadAsync($"cannot listen on --admin-listen 127.0.0.1:{adminPort}: the address is already in use",
            "--admin-listen", $"127.0.0.1:{adminPort}", "--http-listen", $"127.0.0.1:{FreePort.Next()}", "--https-listen", $"127.0.0.1:{FreePort.Next()}");

        var port = FreePort.Next();
        await AssertRefusedBeforeTheLoadAsync($"cannot listen on --https-listen 127.0.0.1:{port}: --http-listen 0.0.0.0:{port} takes that port",
            "--admin-listen", $"127.0.0.1:{FreePort.Next()}", "--http-listen", $"0.0.0.0:{port}", "--https-listen", $"127.0.0.1:{port}");
    }

    /// <summary>`up` with <paramref name="listeners"/> exits 1 with <paramref name="message"/>, before any model was loaded (so nothing ever listened).</summary>
    private static async Task AssertRefusedBeforeTheLoadAsync(string message, params string[] listeners)
    {
        var run = await RunAsync([], listeners);
        Assert.True(run.ExitCode == 1, $"exit {run.ExitCode}:\n{run.Output}");
        Assert.Contains(message, run.Output);
        Assert.DoesNotContain("Configuration loaded", run.Output);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(Dictionary<string, string?> environment, params string[] args) =>
        await RunAsync(environment, args, prefixUp: true);

    private static async Task<(int ExitCode, string Output)> RunAsync(Dictionary<string, string?> environment, string arg, bool prefixUp) =>
        await RunAsync(environment, [arg], prefixUp);

    private static async Task<(int ExitCode, string Output)> RunAsync(Dictionary<string, string?> environment, string[] args, bool prefixUp)
    {
        var data = Directory.CreateTempSubdirectory("gatehouse-run-").FullName;
        try
        {
            var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(GatehouseProcess.GatehouseDll);
            if (prefixUp) { start.ArgumentList.Add("up"); start.ArgumentList.Add("--data"); start.ArgumentList.Add(data); }
            foreach (var arg in args) start.ArgumentList.Add(arg);
            start.Environment["GATEHOUSE_ADMIN_TOKEN"] = GatehouseProcess.Token;
            foreach (var (key, value) in environment) start.Environment[key] = value;
            using var process = System.Diagnostics.Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await output + await error);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++) await Task.Delay(50);
        Assert.True(condition());
    }
}
