using System.CommandLine;
using Gatehouse.Client;

namespace Gatehouse.Commands.Acme;

/// <summary><c>gatehouse acme issuer list</c>: <c>GET /api/v1/acme/issuers</c>.</summary>
internal static class IssuerListCommand
{
    public static Command Create()
    {
        var command = new Command("list", "List the ACME issuers.");
        command.SetClientAction(async (parse, api, console, cancellationToken) =>
        {
            var response = await api.GetAsync(IssuerPaths.Collection, cancellationToken);
            return response.IsSuccess
                ? console.Success(response, body => IssuerTable.WriteList(body.GetProperty("items").EnumerateArray(), console.Out))
                : console.ApiError(response);
        });
        return command;
    }
}
