using System.CommandLine;
using Gatehouse.Client;
using Gatehouse.Hosting.Errors;

namespace Gatehouse.Commands.Ssl;

/// <summary><c>gatehouse ssl delete ID --confirm ID</c>: <c>DELETE /api/v1/ssls/{id}?confirm={id}</c>.</summary>
internal static class SslDeleteCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "The SSL object's id." };
        var confirm = new Option<string>("--confirm") { Description = "The id again: deleting is permanent.", Required = true };
        var force = new Option<bool>("--force") { Description = "Delete even if a service host would lose its certificate or a service uses the object." };

        var command = new Command("delete", "Delete an SSL object (repeat its id in --confirm).") { id, confirm, force };
        command.SetClientAction(async (parse, api, console, cancellationToken) =>
        {
            var target = parse.GetValue(id)!;
            if (parse.GetValue(confirm) != target)
                throw new UsageException("--confirm must repeat the id of the object to delete.");
            var path = SslPaths.WithQuery(SslPaths.Object(target), ("confirm", target), ("force", parse.GetValue(force) ? "true" : null));
            var response = await api.SendAsync(HttpMethod.Delete, path, cancellationToken: cancellationToken);
            if (!response.IsSuccess) return console.ApiError(response);
            // 204 has no body: --output json prints nothing, as the API sent nothing.
            if (!console.Json) console.Out.WriteLine($"deleted {target}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
