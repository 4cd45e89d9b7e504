using System.CommandLine;
using Gatehouse.Client;

namespace Gatehouse.Commands.Service;

/// <summary><c>gatehouse service list</c>: <c>GET /api/v1/services</c>, one page unless <c>--all</c> is given (<see cref="PagedListing"/>).</summary>
internal static class ServiceListCommand
{
    public static Command Create()
    {
        var host = new Option<string?>("--host") { Description = "Only services that list this host (exact or *.wildcard, as written in the service)." };
        var name = new Option<string?>("--name") { Description = "Only the service with this name." };
        var paging = new PagedListing("services");

        var command = new Command("list", "List services with their hosts, targets and TLS coverage.") { host, name };
        foreach (var option in paging.Options) command.Options.Add(option);
        command.SetClientAction((parse, api, console, cancellationToken) => paging.RunAsync(parse, api, console,
            page => ServicePaths.WithQuery(ServicePaths.Collection, [.. page, ("host", parse.GetValue(host)), ("name", parse.GetValue(name))]),
            ServiceTable.WriteList, cancellationToken));
        return command;
    }
}
