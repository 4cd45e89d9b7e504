using System.CommandLine;
using Gatehouse.Client;

namespace Gatehouse.Commands.Token;

/// <summary><c>gatehouse token delete NAME</c>: <c>DELETE /api/v1/tokens/{name}</c>; the token is refused from then on.</summary>
internal static class TokenDeleteCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "The token's name." };
        var command = new Command("delete", "Delete (revoke) a named token: every request and console session using it stops at once.") { name };
        command.SetClientAction(async (parse, api, console, cancellationToken) =>
        {
            var target = parse.GetValue(name)!;
            var response = await api.SendAsync(HttpMethod.Delete, TokenPaths.Object(target), cancellationToken: cancellationToken);
            if (!response.IsSuccess) return console.ApiError(response);
            if (!console.Json) console.Out.WriteLine($"deleted token {target}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
