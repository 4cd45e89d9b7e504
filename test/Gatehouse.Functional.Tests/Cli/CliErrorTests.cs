using Gatehouse.Testing.Pki;
using Gatehouse.Testing.Process;

namespace Gatehouse.Functional.Tests.Cli;

[Collection(CliCollection.Name)]
public sealed class CliErrorTests(GatehouseFixture fixture) : IDisposable
{
    private readonly CliHarness _cli = new(fixture.Process);

    [Fact]
    public async Task A_wrong_token_exits_4()
    {
        var wrong = Path.Combine(_cli.Directory, "wrong-token");
        File.WriteAllText(wrong, "wrong-token-0123456789abcdefghijklmnopqrstuvwxyz");

        var run = await _cli.RunRawAsync("ssl", "list", "--server", fixture.Process.AdminUri.ToString(), "--token-file", wrong);
        Assert.Equal(4, run.ExitCode);
        Assert.StartsWith("error: unauthorized: ", run.Error);
        Assert.DoesNotContain("wrong-token-0123456789", run.Error);

        var json = await _cli.RunRawAsync("ssl", "list", "--server", fixture.Process.AdminUri.ToString(), "--token-file", wrong, "-o", "json");
        Assert.Equal(4, json.ExitCode);
        Assert.Equal("unauthorized", json.ErrorJson.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_unreachable_server_exits_5()
    {
        var closedPort = FreePort.Next();

        var run = await _cli.RunRawAsync("ssl", "list", "--server", $"http://127.0.0.1:{closedPort}", "--token-file", _cli.TokenFile);
        Assert.Equal(5, run.ExitCode);
        Assert.StartsWith("error: unreachable: ", run.Error);

        var json = await _cli.RunRawAsync("sni", "explain", "x.test", "--server", $"http://127.0.0.1:{closedPort}", "--token-file", _cli.TokenFile, "-o", "json");
        Assert.Equal(5, json.ExitCode);
        Assert.Equal("unreachable", json.ErrorJson.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_unreadable_key_file_exits_2_naming_the_path_only()
    {
        var (cert, _) = _cli.Write(TestPki.CreateRoot().Issue("unreadable.error-cli.test"), "unreadable");
        var missing = Path.Combine(_cli.Directory, "missing.key");

        var run = await _cli.RunAsync("ssl", "create", "--cert", cert, "--key", missing);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: usage: --key: cannot read '{missing}': no such file.", run.Error.Trim());
    }

    [Fact]
    public async Task A_missing_token_and_parse_errors_are_usage_errors()
    {
        // The CLI runs in this process: clear GATEHOUSE_TOKEN for the run instead of skipping the case when it is set.
        var saved = Environment.GetEnvironmentVariable("GATEHOUSE_TOKEN");
        Environment.SetEnvironmentVariable("GATEHOUSE_TOKEN", null);
        try
        {
            var noToken = await _cli.RunRawAsync("ssl", "list", "--server", fixture.Process.AdminUri.ToString());
            Assert.Equal(2, noToken.ExitCode);
            Assert.Contains("--token-file", noToken.Error);
        }
        finally
        {
            Environment.SetEnvironmentVariable("GATEHOUSE_TOKEN", saved);
        }
        Assert.Equal(2, (await _cli.RunAsync("ssl", "list", "--no-such-option")).ExitCode);
        Assert.Equal(2, (await _cli.RunAsync("ssl", "list", "--output", "yaml")).ExitCode);
        Assert.Equal(2, (await _cli.RunRawAsync("ssl")).ExitCode);
        Assert.Equal(2, (await _cli.RunAsync("ssl", "create", "--key", "k.pem")).ExitCode);
    }

    [Fact]
    public async Task Help_lists_only_working_commands_and_each_command_its_options()
    {
        var root = await _cli.RunRawAsync("--help");
        Assert.Equal(0, root.ExitCode);
        Assert.Equal(["up", "gateway", "control-plane", "ssl", "service", "sni", "token", "notifier", "acme", "events", "export", "diff", "apply"], Commands(root.Out));

        var acme = await _cli.RunRawAsync("acme", "issuer", "--help");
        Assert.Equal(["create", "list", "get", "update", "delete"], Commands(acme.Out));
        var managed = await _cli.RunRawAsync("ssl", "create", "--help");
        foreach (var option in new[] { "--cert", "--key", "--acme-issuer", "--domain", "--challenge" })
            Assert.Contains(option + " ", managed.Out);

        var notifier = await _cli.RunRawAsync("notifier", "--help");
        Assert.Equal(["create", "list", "get", "update", "delete"], Commands(notifier.Out));

        var ssl = await _cli.RunRawAsync("ssl", "--help");
        Assert.Equal(["create", "list", "get", "update", "delete", "renew", "detach"], Commands(ssl.Out));

        var service = await _cli.RunRawAsync("service", "--help");
        Assert.Equal(["create", "list", "get", "update", "delete"], Commands(service.Out));

        var update = await _cli.RunRawAsync("ssl", "update", "--help");
        foreach (var option in new[] { "--cert", "--key", "--ca", "--no-ca", "--label", "--fallback", "--no-fallback", "--force", "--dry-run", "--server", "--token-file", "--output" })
            Assert.Contains(option + " ", update.Out);
    }

    /// <summary>The command names of a help text's Commands: section.</summary>
    private static List<string> Commands(string help) =>
        [.. help.ReplaceLineEndings("\n").Split("Commands:\n")[1].Split('\n')
            .TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal))
            .Select(l => l.Trim().Split(' ')[0])];

    public void Dispose() => _cli.Dispose();
}
