using System.CommandLine;
using System.Runtime.InteropServices;

namespace Gatehouse.Commands.Hosting;

/// <summary>
/// The action of a command that runs servers until stopped (<c>up</c>, <c>gateway</c>, <c>control-plane</c>).
/// System.CommandLine hands a SIGTERM or SIGINT to the action (by its cancellation token) only once the action has
/// returned its task; a signal before that ends the process at once with 143, nothing stopped or drained. A start that
/// completes synchronously for a while (a small SQLite store, the hosts being built) would return its task only when it
/// first waits, so the action returns its task before it does any work. SIGQUIT stops the servers the same way (the
/// hosts' default lifetime did so; System.CommandLine does not listen for it).
/// </summary>
internal static class ServerAction
{
    public static Func<ParseResult, CancellationToken, Task<int>> Of(Func<ParseResult, CancellationToken, Task<int>> run) =>
        async (parse, cancellationToken) =>
        {
            await Task.Yield();
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, context =>
            {
                context.Cancel = true;
                stopping.Cancel();
            });
            return await run(parse, stopping.Token);
        };
}
