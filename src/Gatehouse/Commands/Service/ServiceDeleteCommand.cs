using System.CommandLine;
using Gatehouse.Client;
using Gatehouse.Hosting.Errors;

namespace Gatehouse.Commands.Service;

/// <summary><c>gatehouse service delete ID --confirm ID</c>: <c>DELETE /api/v1/services/{id}?confirm={id}</c>.</summary>
internal static class ServiceDeleteCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "The service's id." };
        var confirm = new Option<string>("--confirm") { Description = "The id again: deleting is permanent.", Required = true };

        var command = new Command("delete", "Delete a service (repeat its id in --confirm).") { id, confirm };
        command.SetClientAction(async (parse, api, console, cancellationToken) =>
        {
            var target = parse.GetValue(id)!;
            if (parse.GetValue(confirm) != target)
                throw new UsageException("--confirm must repeat the id of the service to delete.");
            var path = ServicePaths.WithQuery(ServicePaths.Object(target), ("confirm", target));
            var response = await api.SendAsync(HttpMethod.Delete, path, cancellationToken: cancellationToken);
            if (!response.IsSuccess) return console.ApiError(response);
            // 204 has no body: --output json prints nothing, as the API sent nothing.
            if (!console.Json) console.Out.WriteLine($"deleted {target}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
