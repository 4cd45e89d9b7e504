using System.CommandLine;
using Gatehouse.Client;

namespace Gatehouse.Commands.Declarative;

/// <summary>
/// <c>gatehouse apply -f PATH [--prune] [--dry-run] [--force] [--selector L]</c>: makes the store match the files in one
/// request (<c>POST /api/v1/apply</c>), printing the commit progress on stderr and the report on stdout.
/// </summary>
internal static class ApplyCommand
{
    public static Command Create()
    {
        var flags = new ApplyFlags();
        var command = new Command("apply", "Make the configuration match the files: create, change and (with --prune) delete objects by name.");
        flags.AddTo(command, withWriteFlags: true);
        command.SetClientAction(async (parse, api, console, cancellationToken) =>
        {
            var document = ConfigFiles.Load(parse.GetValue(flags.File)!, console.Error);
            var response = await ApplyRequest.SendAsync(api, document, flags.Query(parse, parse.GetValue(flags.DryRun)), console, cancellationToken);
            return response.IsSuccess ? console.Success(response, report => ApplyReportText.Write(report, console.Out)) : console.ApiError(response);
        });
        return command;
    }
}
