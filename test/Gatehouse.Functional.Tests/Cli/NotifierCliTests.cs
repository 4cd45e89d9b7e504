using System.Text.Json;

namespace Gatehouse.Functional.Tests.Cli;

/// <summary><c>gatehouse notifier …</c> and <c>gatehouse events</c> against a running gatehouse.</summary>
[Collection(CliCollection.Name)]
public sealed class NotifierCliTests(GatehouseFixture fixture) : IDisposable
{
    private const string Secret = "cli-webhook-secret-0123456789";
    private readonly CliHarness _cli = new(fixture.Process);

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Create_list_update_and_delete_a_notifier_without_ever_printing_its_secret()
    {
        var secretFile = Path.Combine(_cli.Directory, "hook.secret");
        await File.WriteAllTextAsync(secretFile, Secret + "\n");

        var created = await _cli.RunAsync("notifier", "create", "--url", "http://127.0.0.1:9/cli-hook", "--secret-file", secretFile,
            "--threshold", "10", "--threshold", "3", "--event", "ssl.expiring", "--output", "json");
        Assert.True(created.ExitCode == 0, created.ToString());
        var id = created.OutJson.GetProperty("id").GetString()!;
        Assert.True(created.OutJson.GetProperty("has_secret").GetBoolean());
        Assert.Equal([10, 3], created.OutJson.GetProperty("thresholds_days").EnumerateArray().Select(d => d.GetInt32()));

        var list = await _cli.RunAsync("notifier", "list");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Matches($@"(?m)^{id}\s+http://127\.0\.0\.1:9/cli-hook\s+10, 3\s+ssl\.expiring\s+yes$", list.Out);

        var updated = await _cli.RunAsync("notifier", "update", id, "--no-secret", "--all-events");
        Assert.True(updated.ExitCode == 0, updated.ToString());
        Assert.Matches(@"(?m)^signed:\s+no$", updated.Out);
        Assert.Matches(@"(?m)^events:\s+all$", updated.Out);
        Assert.Matches(@"(?m)^thresholds_days:\s+10, 3$", updated.Out);

        var refused = await _cli.RunAsync("notifier", "create", "--url", "http://hooks.example.test/x");
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("invalid_parameter", refused.Error);

        var events = await _cli.RunAsync("events", "--type", "ssl.expired");
        Assert.True(events.ExitCode == 0, events.ToString());
        Assert.StartsWith("ID", events.Out);

        var deleted = await _cli.RunAsync("notifier", "delete", id);
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.Equal(3, (await _cli.RunAsync("notifier", "get", id)).ExitCode);
        foreach (var run in new[] { created, list, updated, refused, events, deleted })
        {
            Assert.DoesNotContain(Secret, run.Out);
            Assert.DoesNotContain(Secret, run.Error);
        }
    }
}
