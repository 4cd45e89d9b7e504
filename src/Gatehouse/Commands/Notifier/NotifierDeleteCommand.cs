using System.CommandLine;
using Gatehouse.Client;

namespace Gatehouse.Commands.Notifier;

/// <summary><c>gatehouse notifier delete ID</c>: <c>DELETE /api/v1/notifiers/{id}</c>; pending deliveries to it are dropped.</summary>
internal static class NotifierDeleteCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "The notifier's id." };
        var command = new Command("delete", "Delete a webhook.") { id };
        command.SetClientAction(async (parse, api, console, cancellationToken) =>
        {
            var target = parse.GetValue(id)!;
            var response = await api.SendAsync(HttpMethod.Delete, NotifierPaths.Object(target), cancellationToken: cancellationToken);
            if (!response.IsSuccess) return console.ApiError(response);
            if (!console.Json) console.Out.WriteLine($"deleted {target}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
