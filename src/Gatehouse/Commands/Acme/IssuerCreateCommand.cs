using System.CommandLine;
using System.Text.Json.Nodes;
using Gatehouse.Client;

namespace Gatehouse.Commands.Acme;

/// <summary><c>gatehouse acme issuer create --directory-url U --contact mailto:… […]</c>: <c>POST /api/v1/acme/issuers</c>.</summary>
internal static class IssuerCreateCommand
{
    public static Command Create()
    {
        var flags = new IssuerFlags();
        var command = new Command("create", "Register an ACME CA (the account is created on first use).");
        flags.AddTo(command);
        command.SetClientAction(async (parse, api, console, cancellationToken) =>
        {
            if (parse.GetValue(flags.DirectoryUrl) is null) throw new UsageException("--directory-url is required.");
            var body = new JsonObject();
            flags.Apply(parse, body);
            var response = await api.SendAsync(HttpMethod.Post, IssuerPaths.Collection, body, cancellationToken: cancellationToken);
            return response.IsSuccess
                ? console.Success(response, created => IssuerTable.WriteObject(created, console.Out))
                : console.ApiError(response);
        });
        return command;
    }
}
