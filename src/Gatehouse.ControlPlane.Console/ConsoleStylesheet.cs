using Microsoft.AspNetCore.Http;

namespace Gatehouse.ControlPlane.Console;

/// <summary>The console's one stylesheet, embedded in the assembly (no static-file setup, no external resources).</summary>
internal static class ConsoleStylesheet
{
    private static readonly Lazy<byte[]> Content = new(() =>
    {
        using var stream = typeof(ConsoleStylesheet).Assembly.GetManifestResourceStream("console.css")
            ?? throw new InvalidOperationException("console.css is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static IResult Serve() => Results.Bytes(Content.Value, "text/css; charset=utf-8");
}
