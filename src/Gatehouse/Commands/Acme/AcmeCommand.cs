using System.CommandLine;

namespace Gatehouse.Commands.Acme;

/// <summary><c>gatehouse acme</c>: ACME issuers (DESIGN.md §12); managed objects are <c>gatehouse ssl create --acme-issuer</c>.</summary>
internal static class AcmeCommand
{
    public static Command Create() => new("acme", "Manage the ACME CAs that obtain and renew certificates.")
    {
        new Command("issuer", "Manage ACME issuers (a CA's directory, contact, optional external account binding).")
        {
            IssuerCreateCommand.Create(),
            IssuerListCommand.Create(),
            IssuerGetCommand.Create(),
            IssuerUpdateCommand.Create(),
            IssuerDeleteCommand.Create(),
        },
    };
}
