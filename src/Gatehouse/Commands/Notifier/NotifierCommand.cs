using System.CommandLine;

namespace Gatehouse.Commands.Notifier;

/// <summary><c>gatehouse notifier</c>: manage the webhooks lifecycle events are sent to (DESIGN.md §12).</summary>
internal static class NotifierCommand
{
    public static Command Create() => new("notifier", "Manage webhooks that receive expiry and revocation events.")
    {
        NotifierCreateCommand.Create(),
        NotifierListCommand.Create(),
        NotifierGetCommand.Create(),
        NotifierUpdateCommand.Create(),
        NotifierDeleteCommand.Create(),
    };
}
