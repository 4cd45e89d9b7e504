using System.Diagnostics;

namespace Gatehouse.Testing.Tls;

/// <summary>Runs the real curl against loopback, resolving the URL's name to 127.0.0.1 with <c>--resolve</c> (so SNI and Host are that name).</summary>
public static class Curl
{
    /// <param name="url">e.g. https://shop.test:PORT/api</param>
    /// <param name="caFile">CA bundle to verify the gateway with (https only).</param>
    /// <param name="extra">More curl arguments (-H, --http2 …).</param>
    public static async Task<CurlResult> GetAsync(string url, string? caFile = null, params string[] extra)
    {
        var uri = new Uri(url);
        var start = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-sS", "--max-time", "20", "--resolve", $"{uri.Host}:{uri.Port}:127.0.0.1", "-w", "\n%{http_code} %{http_version}" })
            start.ArgumentList.Add(arg);
        if (caFile is not null)
        {
            start.ArgumentList.Add("--cacert");
            start.ArgumentList.Add(caFile);
        }
        foreach (var arg in extra) start.ArgumentList.Add(arg);
        start.ArgumentList.Add(url);
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout;
        var last = output.LastIndexOf('\n');
        var parts = last >= 0 ? output[(last + 1)..].Split(' ') : ["0", "0"];
        // A failed transfer (refused handshake, closed connection) still prints the -w line: status 000.
        return new CurlResult(int.TryParse(parts[0], out var status) ? status : 0, parts.ElementAtOrDefault(1) ?? "0",
            last >= 0 ? output[..last] : output, process.ExitCode, await stderr);
    }
}
