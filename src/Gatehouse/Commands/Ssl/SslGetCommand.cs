using System.CommandLine;
using Gatehouse.Client;
using Gatehouse.Hosting.Errors;

namespace Gatehouse.Commands.Ssl;

/// <summary><c>gatehouse ssl get ID</c>: <c>GET /api/v1/ssls/{id}</c>.</summary>
internal static class SslGetCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "The SSL object's id." };
        var command = new Command("get", "Show one SSL object (every field but the PEM bodies; never the key).") { id };
        command.SetClientAction(async (parse, api, console, cancellationToken) =>
        {
            var response = await api.GetAsync(SslPaths.Object(parse.GetValue(id)!), cancellationToken);
            return response.IsSuccess
                ? console.Success(response, item => SslObjectTable.WriteObject(item, console.Out))
                : console.ApiError(response);
        });
        return command;
    }
}
