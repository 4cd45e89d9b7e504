using System.Diagnostics;

namespace Gatehouse.Functional.Tests.Acme;

/// <summary>Runs <c>openssl s_client</c> with a CA file and hostname check, and reports openssl's verdict on the served chain.</summary>
public static class OpenSslVerify
{
    /// <summary>openssl's "Verify return code" line for what the server sent to <paramref name="serverName"/>.</summary>
    public static async Task<string> VerifyAsync(int port, string serverName, string caFile)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in new[] { "s_client", "-connect", $"127.0.0.1:{port}", "-servername", serverName, "-CAfile", caFile,
                     "-verify_hostname", serverName, "-showcerts" })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(timeout.Token);
        var text = await output + await error;
        return text.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("Verify return code:", StringComparison.Ordinal))
            ?? "no verify line: " + text;
    }
}
