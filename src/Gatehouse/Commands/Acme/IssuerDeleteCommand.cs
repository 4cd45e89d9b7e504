using System.CommandLine;
using Gatehouse.Client;

namespace Gatehouse.Commands.Acme;

/// <summary><c>gatehouse acme issuer delete ID</c>: <c>DELETE /api/v1/acme/issuers/{id}</c> (409 <c>in_use</c> while a managed object names it).</summary>
internal static class IssuerDeleteCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "The issuer's id." };
        var command = new Command("delete", "Delete an ACME issuer no managed object uses.") { id };
        command.SetClientAction(async (parse, api, console, cancellationToken) =>
        {
            var target = parse.GetValue(id)!;
            var response = await api.SendAsync(HttpMethod.Delete, IssuerPaths.Object(target), cancellationToken: cancellationToken);
            if (!response.IsSuccess) return console.ApiError(response);
            if (!console.Json) console.Out.WriteLine($"deleted {target}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
