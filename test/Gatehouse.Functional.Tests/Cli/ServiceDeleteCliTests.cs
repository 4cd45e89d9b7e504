namespace Gatehouse.Functional.Tests.Cli;

[Collection(CliCollection.Name)]
public sealed class ServiceDeleteCliTests(GatehouseFixture fixture) : IDisposable
{
    private readonly CliHarness _cli = new(fixture.Process);

    private async Task<string> CreateAsync(string host)
    {
        var run = await _cli.RunAsync("service", "create", "--name", host, "--host", host, "--target", "192.0.2.40:80", "-o", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.OutJson.GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Delete_with_the_id_confirmed_removes_the_service()
    {
        var id = await CreateAsync("gone.delete-svc-cli.test");

        var run = await _cli.RunAsync("service", "delete", id, "--confirm", id);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"deleted {id}", run.Out.Trim());
        var get = await _cli.RunAsync("service", "get", id);
        Assert.Equal(3, get.ExitCode);
        Assert.StartsWith("error: not_found: ", get.Error);
    }

    [Fact]
    public async Task A_mismatched_or_missing_confirmation_is_refused_by_the_cli_with_exit_2_and_deletes_nothing()
    {
        var id = await CreateAsync("kept.delete-svc-cli.test");

        var run = await _cli.RunAsync("service", "delete", id, "--confirm", "01aaaaaaaaaaaaaaaaaaaaaaaa");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: usage: --confirm", run.Error);
        Assert.Equal(0, (await _cli.RunAsync("service", "get", id)).ExitCode);
        Assert.Equal(2, (await _cli.RunAsync("service", "delete", id)).ExitCode);
    }

    public void Dispose() => _cli.Dispose();
}
