using Gatehouse.Client;
using Gatehouse.Core.Secrets;
using Gatehouse.Storage;

namespace Gatehouse.Commands.Hosting;

/// <summary>How a role command reports that it cannot start.</summary>
internal static class StartupFailure
{
    /// <summary>A missing or bad secret, an unreachable store, a file it cannot read: exit 1 with the message, no stack trace.</summary>
    public static bool IsExpected(Exception e) =>
        e is InvalidOperationException or StoreUnavailableException or KeyringException or IOException or UnauthorizedAccessException;

    /// <summary>Writes <c>gatehouse COMMAND: message</c> to stderr and returns <paramref name="exitCode"/> (2: usage, 1: cannot start).</summary>
    public static int Report(string command, string message, int exitCode = ExitCodes.Usage)
    {
        Console.Error.WriteLine($"gatehouse {command}: {message}");
        return exitCode;
    }
}
