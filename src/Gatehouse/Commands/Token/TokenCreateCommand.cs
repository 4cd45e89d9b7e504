using System.CommandLine;
using System.Text.Json.Nodes;
using Gatehouse.Client;

namespace Gatehouse.Commands.Token;

/// <summary>
/// <c>gatehouse token create NAME --role ROLE [--expires-at T]</c>: <c>POST /api/v1/tokens</c>. Prints the secret — the
/// only time anyone sees it.
/// </summary>
internal static class TokenCreateCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "The token's name (lower-case letters, digits, '.', '_', '-'), as audit lines will show it." };
        var role = new Option<string>("--role") { Description = "viewer (reads), operator (writes SSL objects and services, no force) or admin.", Required = true };
        role.AcceptOnlyFromAmong("viewer", "operator", "admin");
        var expiresAt = new Option<string?>("--expires-at") { Description = "When the token stops working, RFC 3339 (e.g. 2030-01-31T00:00:00Z); default never." };

        var command = new Command("create", "Create a named token and print its secret once.") { name, role, expiresAt };
        command.SetClientAction(async (parse, api, console, cancellationToken) =>
        {
            var body = new JsonObject { ["name"] = parse.GetValue(name), ["role"] = parse.GetValue(role) };
            if (parse.GetValue(expiresAt) is { } expires) body["expires_at"] = expires;
            var response = await api.SendAsync(HttpMethod.Post, TokenPaths.Collection, body, cancellationToken: cancellationToken);
            if (!response.IsSuccess) return console.ApiError(response);
            return console.Success(response, created =>
            {
                var expires = JsonText.Of(created, "expires_at");
                console.Out.WriteLine($"created token {JsonText.Of(created, "name")} (role {JsonText.Of(created, "role")}, expires {(expires == "-" ? "never" : expires)})");
                console.Out.WriteLine($"secret: {JsonText.Of(created, "secret")}");
                console.Out.WriteLine("Store the secret now: it is shown once and cannot be retrieved again.");
            });
        });
        return command;
    }
}
