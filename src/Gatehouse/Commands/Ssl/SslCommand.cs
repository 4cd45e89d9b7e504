using System.CommandLine;

namespace Gatehouse.Commands.Ssl;

/// <summary><c>gatehouse ssl</c>: manage SSL objects through the Admin API.</summary>
internal static class SslCommand
{
    public static Command Create() => new("ssl", "Manage SSL objects (certificate, key and optional CA) through the Admin API.")
    {
        SslCreateCommand.Create(),
        SslListCommand.Create(),
        SslGetCommand.Create(),
        SslUpdateCommand.Create(),
        SslDeleteCommand.Create(),
        SslRenewCommand.Create(),
        SslDetachCommand.Create(),
    };
}
