using Gatehouse.Functional.Tests.Cli;
using Gatehouse.Testing.Process;

namespace Gatehouse.Functional.Tests.Declarative;

/// <summary>Runs export, diff and apply through the real command parser and checks that no key line leaks anywhere.</summary>
public sealed class DeclarativeRun(GatehouseProcess process, IEnumerable<string>? keyLines = null) : IDisposable
{
    private readonly CliHarness _cli = new(process);
    private readonly List<string> _keyLines = [.. keyLines ?? []];

    public string Directory => _cli.Directory;

    public void Watch(IEnumerable<string> keyLines) => _keyLines.AddRange(keyLines);

    public async Task<CliRun> RunAsync(params string[] args)
    {
        var run = await _cli.RunAsync(args);
        foreach (var line in _keyLines)
        {
            Assert.DoesNotContain(line, run.Out, StringComparison.Ordinal);
            Assert.DoesNotContain(line, run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain(line, process.Output, StringComparison.Ordinal);
        }
        return run;
    }

    public async Task<long> RevisionAsync()
    {
        using var client = process.AdminClient();
        using var health = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/healthz"));
        return health.RootElement.GetProperty("revision").GetInt64();
    }

    public void Dispose() => _cli.Dispose();
}
