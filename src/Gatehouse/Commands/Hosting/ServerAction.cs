using System.CommandLine;

namespace Gatehouse.Commands.Hosting;

/// <summary>
/// The action of a command that runs servers until SIGTERM (<c>up</c>, <c>gateway</c>, <c>control-plane</c>).
/// System.CommandLine hands a SIGTERM to the action (by its cancellation token) only once the action has returned its
/// task; a SIGTERM before that ends the process at once with 143, nothing stopped or drained. A start that completes
/// synchronously for a while (a small SQLite store, the hosts being built) would return its task only when it first
/// waits, so the action returns its task before it does any work.
/// </summary>
internal static class ServerAction
{
    public static Func<ParseResult, CancellationToken, Task<int>> Of(Func<ParseResult, CancellationToken, Task<int>> run) =>
        async (parse, cancellationToken) =>
        {
            await Task.Yield();
            return await run(parse, cancellationToken);
        };
}
