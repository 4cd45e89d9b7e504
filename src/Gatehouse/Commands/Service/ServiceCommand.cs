using System.CommandLine;

namespace Gatehouse.Commands.Service;

/// <summary><c>gatehouse service</c>: manage services (hosts and prefixes routed to upstreams) through the Admin API.</summary>
internal static class ServiceCommand
{
    public static Command Create() => new("service", "Manage services (host names and a path prefix routed to upstreams) through the Admin API.")
    {
        ServiceCreateCommand.Create(),
        ServiceListCommand.Create(),
        ServiceGetCommand.Create(),
        ServiceUpdateCommand.Create(),
        ServiceDeleteCommand.Create(),
    };
}
