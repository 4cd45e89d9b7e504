using System.CommandLine;
using System.CommandLine.Invocation;
using Gatehouse.Client;
using Gatehouse.Commands.Sni;
using Gatehouse.Commands.Ssl;

namespace Gatehouse.Commands;

/// <summary>The <c>gatehouse</c> command tree. Only commands that work are listed.</summary>
public static class GatehouseCli
{
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("Gatehouse: an API gateway whose TLS is managed as SSL objects selected by SNI.");
        root.Subcommands.Add(UpCommand.Create());
        root.Subcommands.Add(SslCommand.Create());
        root.Subcommands.Add(SniCommand.Create());
        return root;
    }

    /// <summary>
    /// Parses and runs <paramref name="args"/>. A command line System.CommandLine cannot parse exits 2 (usage), as the
    /// CLI's own argument checks do; its <see cref="ParseErrorAction"/> would return 1.
    /// </summary>
    public static async Task<int> InvokeAsync(string[] args, InvocationConfiguration? configuration = null,
        CancellationToken cancellationToken = default)
    {
        var parse = CreateRootCommand().Parse(args);
        var exitCode = await parse.InvokeAsync(configuration, cancellationToken);
        return parse.Action is ParseErrorAction ? ExitCodes.Usage : exitCode;
    }
}
