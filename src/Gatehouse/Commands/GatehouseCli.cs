using System.CommandLine;

namespace Gatehouse.Commands;

/// <summary>The <c>gatehouse</c> command tree. Only commands that work are listed.</summary>
public static class GatehouseCli
{
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("Gatehouse: an API gateway whose TLS is managed as SSL objects selected by SNI.");
        root.Subcommands.Add(UpCommand.Create());
        return root;
    }
}
