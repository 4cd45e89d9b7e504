using System.CommandLine;
using Gatehouse.Client;

namespace Gatehouse.Commands.Ssl;

/// <summary><c>gatehouse ssl detach ID</c>: <c>POST /api/v1/ssls/{id}/detach</c> — a managed object becomes a normal one.</summary>
internal static class SslDetachCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "The managed SSL object's id." };
        var command = new Command("detach", "Stop renewing a managed (ACME) object: it keeps its certificate and becomes a normal object.") { id };
        command.SetClientAction(async (parse, api, console, cancellationToken) =>
        {
            var response = await api.SendAsync(HttpMethod.Post, SslPaths.Object(parse.GetValue(id)!) + "/detach", cancellationToken: cancellationToken);
            return response.IsSuccess
                ? console.Success(response, item => SslObjectTable.WriteObject(item, console.Out))
                : console.ApiError(response);
        });
        return command;
    }
}
