using System.CommandLine;

namespace Gatehouse.Commands.Declarative;

/// <summary>The flags <c>apply</c> and <c>diff</c> share.</summary>
internal sealed class ApplyFlags
{
    public Option<string> File { get; } = new("--file", "-f") { Description = "A .yaml/.yml/.json file, or a directory of them.", Required = true };

    public Option<bool> Prune { get; } = new("--prune") { Description = "Delete named SSL objects and services (in the selector's scope) that the files do not list." };

    public Option<string[]> Selector { get; } = new("--selector") { Description = "Only objects carrying this label, in the files and in the store; repeat to require several.", AllowMultipleArgumentsPerToken = false };

    public Option<bool> DryRun { get; } = new("--dry-run") { Description = "Validate and report without writing (as gatehouse diff, but exit 0)." };

    public Option<bool> Force { get; } = new("--force") { Description = "Commit although the final configuration trips a guard (needs the admin role)." };

    private bool _writeFlags;

    public void AddTo(Command command, bool withWriteFlags)
    {
        _writeFlags = withWriteFlags;
        command.Options.Add(File);
        command.Options.Add(Prune);
        command.Options.Add(Selector);
        if (!withWriteFlags) return;
        command.Options.Add(DryRun);
        command.Options.Add(Force);
    }

    public IEnumerable<(string, string?)> Query(ParseResult parse, bool dryRun)
    {
        yield return ("prune", parse.GetValue(Prune) ? "true" : null);
        yield return ("dry_run", dryRun ? "true" : null);
        yield return ("force", _writeFlags && parse.GetValue(Force) ? "true" : null);
        foreach (var label in parse.GetValue(Selector) ?? []) yield return ("selector", label);
    }
}
