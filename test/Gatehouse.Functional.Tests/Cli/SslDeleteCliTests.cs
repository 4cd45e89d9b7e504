using Gatehouse.Testing.Pki;

namespace Gatehouse.Functional.Tests.Cli;

[Collection(CliCollection.Name)]
public sealed class SslDeleteCliTests(GatehouseFixture fixture) : IDisposable
{
    private readonly CliHarness _cli = new(fixture.Process);

    private async Task<string> CreateAsync(string host)
    {
        var (cert, key) = _cli.Write(TestPki.CreateRoot().Issue(host), host);
        var run = await _cli.RunAsync("ssl", "create", "--cert", cert, "--key", key, "-o", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.OutJson.GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Delete_with_the_id_confirmed_removes_the_object()
    {
        var id = await CreateAsync("gone.delete-cli.test");

        var run = await _cli.RunAsync("ssl", "delete", id, "--confirm", id);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"deleted {id}", run.Out.Trim());
        var get = await _cli.RunAsync("ssl", "get", id);
        Assert.Equal(3, get.ExitCode);
        Assert.StartsWith("error: not_found: ", get.Error);
    }

    [Fact]
    public async Task A_mismatched_confirmation_is_refused_by_the_cli_with_exit_2_and_deletes_nothing()
    {
        var id = await CreateAsync("kept.delete-cli.test");

        var run = await _cli.RunAsync("ssl", "delete", id, "--confirm", "01aaaaaaaaaaaaaaaaaaaaaaaa", "--force");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: usage: --confirm", run.Error);
        Assert.Equal(0, (await _cli.RunAsync("ssl", "get", id)).ExitCode);

        var missing = await _cli.RunAsync("ssl", "delete", id);
        Assert.Equal(2, missing.ExitCode);
    }

    public void Dispose() => _cli.Dispose();
}
