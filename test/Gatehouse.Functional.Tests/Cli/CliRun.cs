using System.Text.Json;

namespace Gatehouse.Functional.Tests.Cli;

/// <summary>The outcome of one in-process <c>gatehouse</c> invocation.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public JsonElement OutJson => JsonDocument.Parse(Out).RootElement.Clone();
    public JsonElement ErrorJson => JsonDocument.Parse(Error).RootElement.Clone();

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}
