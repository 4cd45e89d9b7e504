using System.CommandLine;
using Gatehouse.Client;

namespace Gatehouse.Commands.Notifier;

/// <summary><c>gatehouse notifier get ID</c>: <c>GET /api/v1/notifiers/{id}</c> (never the secret).</summary>
internal static class NotifierGetCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "The notifier's id." };
        var command = new Command("get", "Show one webhook (never its secret).") { id };
        command.SetClientAction(async (parse, api, console, cancellationToken) =>
        {
            var response = await api.GetAsync(NotifierPaths.Object(parse.GetValue(id)!), cancellationToken);
            return response.IsSuccess
                ? console.Success(response, item => NotifierTable.WriteObject(item, console.Out))
                : console.ApiError(response);
        });
        return command;
    }
}
