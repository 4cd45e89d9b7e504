using System.CommandLine;

namespace Gatehouse.Commands.Sni;

/// <summary><c>gatehouse sni</c>: inspect SNI selection.</summary>
internal static class SniCommand
{
    public static Command Create() => new("sni", "Inspect how the gateway picks an SSL object by SNI.")
    {
        SniExplainCommand.Create(),
    };
}
