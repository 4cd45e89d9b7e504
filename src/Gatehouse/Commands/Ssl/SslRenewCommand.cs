using System.CommandLine;
using Gatehouse.Client;

namespace Gatehouse.Commands.Ssl;

/// <summary><c>gatehouse ssl renew ID</c>: <c>POST /api/v1/ssls/{id}/renew</c> — a managed object orders a new certificate now.</summary>
internal static class SslRenewCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "The managed SSL object's id." };
        var command = new Command("renew", "Order a new certificate for a managed (ACME) object now; the current one serves until it is stored.") { id };
        command.SetClientAction(async (parse, api, console, cancellationToken) =>
        {
            var response = await api.SendAsync(HttpMethod.Post, SslPaths.Object(parse.GetValue(id)!) + "/renew", cancellationToken: cancellationToken);
            return response.IsSuccess
                ? console.Success(response, facts => SslObjectTable.WriteAcme(facts, console.Out, ""))
                : console.ApiError(response);
        });
        return command;
    }
}
