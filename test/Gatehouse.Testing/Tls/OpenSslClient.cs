using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gatehouse.Testing.Tls;

/// <summary>Runs <c>openssl s_client</c> against a loopback port and reports the certificate the server sent.</summary>
public static class OpenSslClient
{
    private const string BeginCertificate = "-----BEGIN CERTIFICATE-----";
    private const string EndCertificate = "-----END CERTIFICATE-----";

    /// <summary>
    /// The SHA-256 fingerprint (lower-case hex) of the leaf served for <paramref name="serverName"/> (null = send no SNI),
    /// or null when the server refused the handshake. Throws <see cref="TlsProbeFailedException"/> when the port could
    /// not be reached or openssl failed: a refusal is the only way to get null.
    /// </summary>
    public static async Task<string?> ServedFingerprintAsync(int port, string? serverName, params string[] extraArgs) =>
        (await ProbeAsync(port, serverName, extraArgs)).FingerprintOrNullWhenRefused();

    /// <summary>Runs one handshake and says whether a certificate was served, the server refused, or the probe could not ask.</summary>
    public static async Task<TlsProbeResult> ProbeAsync(int port, string? serverName, params string[] extraArgs) =>
        (await HandshakeAsync(port, serverName, extraArgs)).Probe;

    /// <summary>
    /// One handshake: the probe's outcome, and the protocol and cipher negotiated as openssl names them
    /// (<c>TLSv1.3</c>, <c>ECDHE-RSA-AES128-GCM-SHA256</c>; null when nothing was negotiated).
    /// </summary>
    public static async Task<OpenSslHandshake> HandshakeAsync(int port, string? serverName, params string[] extraArgs)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in new[] { "s_client", "-connect", $"127.0.0.1:{port}" }) start.ArgumentList.Add(arg);
        if (serverName is null) start.ArgumentList.Add("-noservername");
        else { start.ArgumentList.Add("-servername"); start.ArgumentList.Add(serverName); }
        foreach (var arg in extraArgs) start.ArgumentList.Add(arg);
        System.Diagnostics.Process process;
        try
        {
            process = System.Diagnostics.Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            return new(new TlsProbeResult(TlsOutcome.ToolFailed, null, $"openssl could not be started: {e.Message}"), null, null, "");
        }
        using (process)
        {
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return new(new TlsProbeResult(TlsOutcome.ToolFailed, null, "openssl s_client did not finish within 15 s"), null, null, "");
            }
            var stdout = await output;
            var negotiated = System.Text.RegularExpressions.Regex.Match(stdout, @"^New, (TLSv[0-9.]+), Cipher is (\S+)$",
                System.Text.RegularExpressions.RegexOptions.Multiline);
            return new(Classify(stdout, await error, process.ExitCode),
                negotiated.Success ? negotiated.Groups[1].Value : null, negotiated.Success ? negotiated.Groups[2].Value : null, stdout);
        }
    }

    /// <summary>
    /// Sends one <c>GET /</c> over <c>openssl s_client -ign_eof</c> and returns everything it printed (stdout and
    /// stderr). Reading until the server closes lets s_client take the TLS 1.3 session tickets sent after the
    /// handshake, so <c>-sess_out</c> writes a session that <c>-sess_in</c> can offer later.
    /// </summary>
    public static async Task<string> RequestAsync(int port, string serverName, params string[] extraArgs)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "s_client", "-connect", $"127.0.0.1:{port}", "-servername", serverName, "-ign_eof" }.Concat(extraArgs))
            start.ArgumentList.Add(arg);
        using var process = System.Diagnostics.Process.Start(start)!;
        await process.StandardInput.WriteAsync($"GET / HTTP/1.1\r\nHost: {serverName}\r\nConnection: close\r\n\r\n");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(timeout.Token);
        return await output + await error;
    }

    private static TlsProbeResult Classify(string stdout, string stderr, int exitCode)
    {
        var detail = $"exit {exitCode}; {Last(stderr)}";
        // With -status, s_client prints the stapled response (and its signer's certificate) before the server's chain.
        var chain = stdout.IndexOf("Certificate chain", StringComparison.Ordinal);
        var begin = stdout.IndexOf(BeginCertificate, Math.Max(chain, 0), StringComparison.Ordinal);
        if (begin >= 0)
        {
            var end = stdout.IndexOf(EndCertificate, begin, StringComparison.Ordinal) + EndCertificate.Length;
            using var certificate = X509Certificate2.CreateFromPem(stdout.AsSpan(begin, end - begin));
            return new TlsProbeResult(TlsOutcome.Served, certificate.GetCertHashString(HashAlgorithmName.SHA256).ToLowerInvariant(), detail);
        }
        // s_client prints CONNECTED(fd) once the TCP connection is up, before the ClientHello is sent; a client that then
        // wrote nothing (no protocol or cipher it may offer) asked the server nothing.
        if (stdout.Contains("CONNECTED(", StringComparison.Ordinal))
        {
            return stdout.Contains("and written 0 bytes", StringComparison.Ordinal)
                ? new TlsProbeResult(TlsOutcome.ToolFailed, null, "openssl sent no ClientHello; " + detail)
                : new TlsProbeResult(TlsOutcome.Refused, null, detail);
        }
        if (stderr.Contains("connect:errno=", StringComparison.Ordinal) || stderr.Contains("Connection refused", StringComparison.Ordinal))
            return new TlsProbeResult(TlsOutcome.Unreachable, null, detail);
        return new TlsProbeResult(TlsOutcome.ToolFailed, null, detail);
    }

    private static string Last(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(" | ", lines.TakeLast(3));
    }
}
