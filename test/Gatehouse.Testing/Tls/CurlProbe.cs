using System.Diagnostics;

namespace Gatehouse.Testing.Tls;

/// <summary>Runs the real <c>curl</c> against loopback (always with <c>--resolve</c>, so SNI and Host are the name given).</summary>
public static class CurlProbe
{
    public sealed record Result(int ExitCode, int Status, string Body, string Stderr);

    /// <summary>GET https://{host}:{port}{path} resolved to 127.0.0.1; extra args go before the URL.</summary>
    public static async Task<Result> GetAsync(string host, int port, string path = "/", string scheme = "https", params string[] extraArgs)
    {
        var start = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-sS", "-k", "--max-time", "20", "--resolve", $"{host}:{port}:127.0.0.1", "-w", "\n%{http_code}" })
            start.ArgumentList.Add(arg);
        foreach (var arg in extraArgs) start.ArgumentList.Add(arg);
        start.ArgumentList.Add($"{scheme}://{host}:{port}{path}");
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        var text = await output;
        var split = text.LastIndexOf('\n');
        var status = split >= 0 && int.TryParse(text[(split + 1)..], out var code) ? code : 0;
        return new Result(process.ExitCode, status, split >= 0 ? text[..split] : text, await error);
    }
}
