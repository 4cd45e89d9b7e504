using System.CommandLine;
using System.CommandLine.Invocation;
using Gatehouse.Client;
using Gatehouse.Commands.Service;
using Gatehouse.Commands.Sni;
using Gatehouse.Commands.Ssl;
using Gatehouse.Commands.Token;

namespace Gatehouse.Commands;

/// <summary>The <c>gatehouse</c> command tree. Only commands that work are listed.</summary>
internal static class GatehouseCli
{
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("Gatehouse: an API gateway whose TLS is managed as SSL objects selected by SNI.");
        root.Subcommands.Add(UpCommand.Create());
        root.Subcommands.Add(GatewayCommand.Create());
        root.Subcommands.Add(ControlPlaneCommand.Create());
        root.Subcommands.Add(SslCommand.Create());
        root.Subcommands.Add(ServiceCommand.Create());
        root.Subcommands.Add(SniCommand.Create());
        root.Subcommands.Add(TokenCommand.Create());
        root.Subcommands.Add(Notifier.NotifierCommand.Create());
        root.Subcommands.Add(Acme.AcmeCommand.Create());
        root.Subcommands.Add(Events.EventsCommand.Create());
        root.Subcommands.Add(Declarative.ExportCommand.Create());
        root.Subcommands.Add(Declarative.DiffCommand.Create());
        root.Subcommands.Add(Declarative.ApplyCommand.Create());
        return root;
    }

    /// <summary>
    /// How long SIGTERM or Ctrl+C waits for the running command before the process ends: longer than the hosts'
    /// 30 s shutdown timeout, so <c>up</c> drains in-flight requests (DESIGN.md §7). System.CommandLine's default
    /// (2 s) cut slow requests short and exited 143.
    /// </summary>
    public static TimeSpan TerminationTimeout { get; } = TimeSpan.FromSeconds(35);

    /// <summary>
    /// Parses and runs <paramref name="args"/>. A command line System.CommandLine cannot parse exits 2 (usage), as the
    /// CLI's own argument checks do; its <see cref="ParseErrorAction"/> would return 1.
    /// </summary>
    public static async Task<int> InvokeAsync(string[] args, InvocationConfiguration? configuration = null,
        CancellationToken cancellationToken = default)
    {
        configuration ??= new InvocationConfiguration { ProcessTerminationTimeout = TerminationTimeout };
        var parse = CreateRootCommand().Parse(args);
        var exitCode = await parse.InvokeAsync(configuration, cancellationToken);
        return parse.Action is ParseErrorAction ? ExitCodes.Usage : exitCode;
    }
}
