using System.CommandLine;
using Gatehouse.Client;

namespace Gatehouse.Commands.Notifier;

/// <summary><c>gatehouse notifier list</c>: <c>GET /api/v1/notifiers</c>.</summary>
internal static class NotifierListCommand
{
    public static Command Create()
    {
        var command = new Command("list", "List the webhooks.");
        command.SetClientAction(async (parse, api, console, cancellationToken) =>
        {
            var response = await api.GetAsync(NotifierPaths.Collection, cancellationToken);
            return response.IsSuccess
                ? console.Success(response, body => NotifierTable.WriteList(body.GetProperty("items").EnumerateArray(), console.Out))
                : console.ApiError(response);
        });
        return command;
    }
}
