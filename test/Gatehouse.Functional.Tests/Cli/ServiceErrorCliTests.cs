using Gatehouse.Testing.Process;

namespace Gatehouse.Functional.Tests.Cli;

[Collection(CliCollection.Name)]
public sealed class ServiceErrorCliTests(GatehouseFixture fixture) : IDisposable
{
    private readonly CliHarness _cli = new(fixture.Process);

    [Fact]
    public async Task A_validation_error_exits_3_with_every_code_on_stderr()
    {
        var table = await _cli.RunAsync("service", "create", "--name", "bad", "--host", "port.error-svc-cli.test",
            "--target", "192.0.2.50:70000", "--target", "192.0.2.51:80:5000");
        Assert.Equal(3, table.ExitCode);
        Assert.StartsWith("error: invalid_target: ", table.Error);
        Assert.Matches(@"(?m)^  upstream\.targets\[0\]\.port: invalid_target: ", table.Error);
        Assert.Matches(@"(?m)^  upstream\.targets\[1\]\.weight: invalid_target: ", table.Error);
        Assert.Equal("", table.Out);

        var json = await _cli.RunAsync("service", "create", "--name", "bad", "--host", "port.error-svc-cli.test",
            "--target", "192.0.2.50:70000", "-o", "json");
        Assert.Equal(3, json.ExitCode);
        Assert.Equal("invalid_target", json.ErrorJson.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_route_conflict_exits_3()
    {
        string[] args = ["service", "create", "--name", "first", "--host", "route.error-svc-cli.test", "--path-prefix", "/api", "--target", "192.0.2.52:80"];
        Assert.Equal(0, (await _cli.RunAsync(args)).ExitCode);

        var run = await _cli.RunAsync(args);

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith("error: route_conflict: ", run.Error);
    }

    [Fact]
    public async Task Malformed_flags_are_usage_errors_before_any_request()
    {
        foreach (var target in new[] { "nohostport", "host:", ":80", "host:http", "host:80:heavy", "host:80:1:2", "[::1]80", "[::1" })
        {
            var run = await _cli.RunAsync("service", "create", "--name", "x", "--host", "flags.error-svc-cli.test", "--target", target);
            Assert.True(run.ExitCode == 2, $"{target}: {run}");
            Assert.StartsWith($"error: usage: --target '{target}' must be HOST:PORT", run.Error);
        }
        Assert.Equal(2, (await _cli.RunAsync("service", "create", "--name", "x", "--host", "h.test", "--target", "h:80", "--protocol", "ftp")).ExitCode);
        Assert.Equal(2, (await _cli.RunAsync("service", "create", "--name", "x", "--host", "h.test", "--target", "h:80", "--read-timeout-ms", "soon")).ExitCode);
        Assert.Equal(2, (await _cli.RunAsync("service", "update", "01aaaaaaaaaaaaaaaaaaaaaaaa", "--sni", "a.test", "--no-sni")).ExitCode);
        var nothing = await _cli.RunAsync("service", "update", "01aaaaaaaaaaaaaaaaaaaaaaaa");
        Assert.Equal(2, nothing.ExitCode);
        Assert.StartsWith("error: usage: nothing to change", nothing.Error);
    }

    [Fact]
    public async Task A_wrong_token_exits_4_and_an_unreachable_server_exits_5()
    {
        var wrong = Path.Combine(_cli.Directory, "wrong-token");
        File.WriteAllText(wrong, "wrong-token-0123456789abcdefghijklmnopqrstuvwxyz");
        var unauthorized = await _cli.RunRawAsync("service", "list", "--server", fixture.Process.AdminUri.ToString(), "--token-file", wrong);
        Assert.Equal(4, unauthorized.ExitCode);
        Assert.StartsWith("error: unauthorized: ", unauthorized.Error);

        var closed = $"http://127.0.0.1:{FreePort.Next()}";
        var unreachable = await _cli.RunRawAsync("service", "create", "--name", "x", "--host", "h.test", "--target", "192.0.2.53:80",
            "--server", closed, "--token-file", _cli.TokenFile, "-o", "json");
        Assert.Equal(5, unreachable.ExitCode);
        Assert.Equal("unreachable", unreachable.ErrorJson.GetProperty("error").GetProperty("code").GetString());
    }

    public void Dispose() => _cli.Dispose();
}
