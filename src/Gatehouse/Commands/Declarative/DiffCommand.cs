using System.CommandLine;
using Gatehouse.Client;

namespace Gatehouse.Commands.Declarative;

/// <summary>
/// <c>gatehouse diff -f PATH</c>: a dry-run apply. Prints per object what would be created, changed (which fields), left
/// unchanged or (with <c>--prune</c>) deleted, the guards and the final TLS coverage. Exit 0 when nothing would change, 1
/// when something would (as <c>diff</c>), the codes of DESIGN.md §7 otherwise.
/// </summary>
internal static class DiffCommand
{
    public const int Changes = 1;

    public static Command Create()
    {
        var flags = new ApplyFlags();
        var command = new Command("diff", "Show what applying the files would change, without changing anything.");
        flags.AddTo(command, withWriteFlags: false);
        command.SetClientAction(async (parse, api, console, cancellationToken) =>
        {
            var document = ConfigFiles.Load(parse.GetValue(flags.File)!, console.Error);
            var response = await ApplyRequest.SendAsync(api, document, flags.Query(parse, dryRun: true), console, cancellationToken);
            if (!response.IsSuccess) return console.ApiError(response);
            console.Success(response, report => ApplyReportText.Write(report, console.Out));
            return response.Json() is { } report && report.GetProperty("changed").GetBoolean() ? Changes : ExitCodes.Ok;
        });
        return command;
    }
}
