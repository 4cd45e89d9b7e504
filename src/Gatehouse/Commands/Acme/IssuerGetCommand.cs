using System.CommandLine;
using Gatehouse.Client;

namespace Gatehouse.Commands.Acme;

/// <summary><c>gatehouse acme issuer get ID</c>: <c>GET /api/v1/acme/issuers/{id}</c> (never the MAC key).</summary>
internal static class IssuerGetCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "The issuer's id." };
        var command = new Command("get", "Show one ACME issuer (never its MAC key or account key).") { id };
        command.SetClientAction(async (parse, api, console, cancellationToken) =>
        {
            var response = await api.GetAsync(IssuerPaths.Object(parse.GetValue(id)!), cancellationToken);
            return response.IsSuccess
                ? console.Success(response, item => IssuerTable.WriteObject(item, console.Out))
                : console.ApiError(response);
        });
        return command;
    }
}
