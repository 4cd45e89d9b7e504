using System.Diagnostics;
using System.Globalization;

namespace Gatehouse.Testing.Pki;

/// <summary>
/// OCSP responses signed by <c>openssl ocsp</c> from an index file (the way a CA's responder answers), for certificates
/// a <see cref="TestCert"/> issuer signed. The index is rewritten by <see cref="Set"/>, so a certificate can be flipped
/// to revoked. Debian's openssl cannot bind its own <c>-port</c> to loopback only, so callers hand requests over as files.
/// </summary>
public sealed class OpenSslOcsp : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gatehouse-ocsp-").FullName;
    private readonly Dictionary<string, string> _lines = new(StringComparer.Ordinal);
    private int _files;

    public OpenSslOcsp(TestCert issuer)
    {
        File.WriteAllText(IssuerPath, issuer.CertPem);
        File.WriteAllText(KeyPath, issuer.KeyPem);
        File.WriteAllText(IndexPath, "");
    }

    private string IssuerPath => Path.Combine(_directory, "issuer.crt");
    private string KeyPath => Path.Combine(_directory, "issuer.key");
    private string IndexPath => Path.Combine(_directory, "index.txt");

    /// <summary>Says <paramref name="certificate"/> is good, or revoked since a minute ago.</summary>
    public void Set(TestCert certificate, bool revoked)
    {
        var serial = certificate.Certificate.SerialNumber.ToUpperInvariant();
        var expiry = Time(certificate.Certificate.NotAfter.ToUniversalTime());
        lock (_lines)
        {
            _lines[serial] = revoked
                ? $"R\t{expiry}\t{Time(DateTime.UtcNow.AddMinutes(-1))}\t{serial}\tunknown\t/CN=test"
                : $"V\t{expiry}\t\t{serial}\tunknown\t/CN=test";
            // Replaced in one rename, so openssl never reads half an index.
            File.WriteAllText(IndexPath + ".tmp", string.Concat(_lines.Values.Select(l => l + "\n")));
            File.Move(IndexPath + ".tmp", IndexPath, overwrite: true);
        }
    }

    /// <summary>The DER response to a DER request, valid for <paramref name="minutes"/>; throws when openssl fails.</summary>
    public async Task<byte[]> AnswerAsync(byte[] request, int minutes = 5)
    {
        var id = Interlocked.Increment(ref _files);
        var requestPath = Path.Combine(_directory, $"req-{id}.der");
        var responsePath = Path.Combine(_directory, $"resp-{id}.der");
        await File.WriteAllBytesAsync(requestPath, request);
        await RunAsync("ocsp", "-index", IndexPath, "-CA", IssuerPath, "-rsigner", IssuerPath, "-rkey", KeyPath,
            "-reqin", requestPath, "-respout", responsePath, "-nmin", minutes.ToString(CultureInfo.InvariantCulture));
        return await File.ReadAllBytesAsync(responsePath);
    }

    /// <summary>The DER response about <paramref name="certificate"/> (openssl writes the request too).</summary>
    public async Task<byte[]> AnswerAboutAsync(TestCert certificate, int minutes = 5)
    {
        var id = Interlocked.Increment(ref _files);
        var certificatePath = Path.Combine(_directory, $"cert-{id}.pem");
        var requestPath = Path.Combine(_directory, $"req-{id}.der");
        await File.WriteAllTextAsync(certificatePath, certificate.CertPem);
        await RunAsync("ocsp", "-issuer", IssuerPath, "-cert", certificatePath, "-no_nonce", "-reqout", requestPath);
        return await AnswerAsync(await File.ReadAllBytesAsync(requestPath), minutes);
    }

    private static string Time(DateTime utc) => utc.ToString("yyMMddHHmmss", CultureInfo.InvariantCulture) + "Z";

    private static async Task RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await output + await error;
        if (process.ExitCode != 0) throw new InvalidOperationException($"openssl {args[0]} exited {process.ExitCode}: {text}");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
