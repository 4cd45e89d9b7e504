using System.CommandLine;
using Gatehouse.Client;
using Gatehouse.Hosting.Errors;

namespace Gatehouse.Commands.Service;

/// <summary><c>gatehouse service get ID</c>: <c>GET /api/v1/services/{id}</c>.</summary>
internal static class ServiceGetCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "The service's id." };
        var command = new Command("get", "Show one service and the SSL object that covers each of its hosts.") { id };
        command.SetClientAction(async (parse, api, console, cancellationToken) =>
        {
            var response = await api.GetAsync(ServicePaths.Object(parse.GetValue(id)!), cancellationToken);
            return response.IsSuccess
                ? console.Success(response, service => ServiceTable.WriteObject(service, console.Out))
                : console.ApiError(response);
        });
        return command;
    }
}
