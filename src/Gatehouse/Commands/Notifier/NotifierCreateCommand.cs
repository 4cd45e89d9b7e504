using System.CommandLine;
using System.Text.Json.Nodes;
using Gatehouse.Client;

namespace Gatehouse.Commands.Notifier;

/// <summary><c>gatehouse notifier create --url U [--secret-file F] [--threshold N]… [--event T]…</c>.</summary>
internal static class NotifierCreateCommand
{
    public static Command Create()
    {
        var flags = new NotifierFlags();
        var command = new Command("create", "Register a webhook for lifecycle events.");
        flags.AddTo(command);
        command.SetClientAction(async (parse, api, console, cancellationToken) =>
        {
            if (parse.GetValue(flags.Url) is null) throw new UsageException("--url is required.");
            var body = new JsonObject();
            flags.Apply(parse, body);
            var response = await api.SendAsync(HttpMethod.Post, NotifierPaths.Collection, body, cancellationToken: cancellationToken);
            return response.IsSuccess
                ? console.Success(response, created => NotifierTable.WriteObject(created, console.Out))
                : console.ApiError(response);
        });
        return command;
    }
}
