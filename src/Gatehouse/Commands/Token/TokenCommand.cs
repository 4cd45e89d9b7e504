using System.CommandLine;

namespace Gatehouse.Commands.Token;

/// <summary><c>gatehouse token</c>: named tokens with a role (DESIGN.md §14); needs an admin token.</summary>
internal static class TokenCommand
{
    public static Command Create() => new("token", "Manage named API and console tokens (viewer, operator, admin).")
    {
        TokenCreateCommand.Create(),
        TokenListCommand.Create(),
        TokenDeleteCommand.Create(),
    };
}
