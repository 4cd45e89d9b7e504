using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gatehouse.Testing.Tls;

/// <summary>Runs <c>openssl s_client</c> against a loopback port and reports the certificate the server sent.</summary>
public static class OpenSslClient
{
    /// <summary>
    /// The SHA-256 fingerprint (lower-case hex) of the leaf served for <paramref name="serverName"/>
    /// (null = send no SNI), or null when the handshake failed and no certificate was sent.
    /// </summary>
    public static async Task<string?> ServedFingerprintAsync(int port, string? serverName, params string[] extraArgs)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in new[] { "s_client", "-connect", $"127.0.0.1:{port}" }) start.ArgumentList.Add(arg);
        if (serverName is null) start.ArgumentList.Add("-noservername");
        else { start.ArgumentList.Add("-servername"); start.ArgumentList.Add(serverName); }
        foreach (var arg in extraArgs) start.ArgumentList.Add(arg);
        using var process = System.Diagnostics.Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await process.WaitForExitAsync(timeout.Token);
        var text = await output;
        _ = await error;
        var begin = text.IndexOf("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal);
        if (begin < 0) return null;
        var end = text.IndexOf("-----END CERTIFICATE-----", begin, StringComparison.Ordinal) + "-----END CERTIFICATE-----".Length;
        using var certificate = X509Certificate2.CreateFromPem(text.AsSpan(begin, end - begin));
        return certificate.GetCertHashString(HashAlgorithmName.SHA256).ToLowerInvariant();
    }
}
