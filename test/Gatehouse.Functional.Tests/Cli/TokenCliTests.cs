using System.Text.RegularExpressions;
using Gatehouse.Functional.Tests.Access;

namespace Gatehouse.Functional.Tests.Cli;

/// <summary><c>gatehouse token create|list|delete</c> against a real server: the secret printed once, never listed.</summary>
[Collection(CliCollection.Name)]
public sealed partial class TokenCliTests(GatehouseFixture fixture) : IDisposable
{
    private readonly CliHarness _cli = new(fixture.Process);

    [Fact]
    public async Task Create_prints_the_secret_once_list_never_and_delete_revokes()
    {
        var created = await _cli.RunAsync("token", "create", "cli-robot", "--role", "operator", "--expires-at", "2099-01-31T00:00:00Z");
        Assert.True(created.ExitCode == 0, created.ToString());
        var secret = Secret().Match(created.Out).Value;
        Assert.Matches("^ght_[A-Za-z0-9_-]{43}$", secret);
        Assert.Single(Secret().Matches(created.Out));
        Assert.Contains("created token cli-robot (role operator, expires 2099-01-31T00:00:00Z)", created.Out);

        using var robot = fixture.Process.AdminClient(secret);
        Assert.Equal(200, (int)(await robot.GetAsync("/api/v1/ssls")).StatusCode);

        var list = await _cli.RunAsync("token", "list");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Matches(@"cli-robot\s+operator\s+\S+\s+2099-01-31T00:00:00Z", list.Out);
        Assert.DoesNotContain(secret, list.Out);
        var listJson = await _cli.RunAsync("token", "list", "-o", "json");
        Assert.DoesNotContain(secret, listJson.Out);
        Assert.DoesNotContain("\"secret\"", listJson.Out);

        var deleted = await _cli.RunAsync("token", "delete", "cli-robot");
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.Equal("deleted token cli-robot", deleted.Out.Trim());
        Assert.Equal(401, (int)(await robot.GetAsync("/api/v1/ssls")).StatusCode);
        Assert.Null(await NamedTokens.FindAsync(fixture.Process.AdminClient(), "cli-robot"));
    }

    [Fact]
    public async Task A_viewer_token_cannot_create_tokens_and_the_cli_says_why()
    {
        var viewer = await _cli.RunAsync("token", "create", "cli-viewer", "--role", "viewer", "-o", "json");
        var secret = viewer.OutJson.GetProperty("secret").GetString()!;
        var viewerFile = Path.Combine(_cli.Directory, "viewer-token");
        File.WriteAllText(viewerFile, secret);

        var refused = await _cli.RunRawAsync("token", "create", "escalate", "--role", "admin", "--server", fixture.Process.AdminUri.ToString(), "--token-file", viewerFile);
        Assert.Equal(3, refused.ExitCode);
        Assert.StartsWith("error: forbidden: This request needs the admin role", refused.Error);

        var badRole = await _cli.RunAsync("token", "create", "x", "--role", "root");
        Assert.Equal(2, badRole.ExitCode);
    }

    public void Dispose() => _cli.Dispose();

    [GeneratedRegex("ght_[A-Za-z0-9_-]{43}")]
    private static partial Regex Secret();
}
