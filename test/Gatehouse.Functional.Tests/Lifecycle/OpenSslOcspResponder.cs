using System.Diagnostics;
using System.Globalization;
using System.Net;
using Gatehouse.Testing.Pki;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Functional.Tests.Lifecycle;

/// <summary>
/// An OCSP responder on 127.0.0.1 whose answers openssl signs: each POSTed request is handed to
/// <c>openssl ocsp -index INDEX -CA … -rsigner … -reqin REQ -respout RESP</c> (Debian's openssl 3.0 cannot bind its own
/// <c>-port</c> to loopback only). <see cref="Set"/> rewrites the index, so a certificate can be flipped to revoked.
/// </summary>
public sealed class OpenSslOcspResponder : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gatehouse-ocsp-").FullName;
    private readonly Dictionary<string, string> _lines = new(StringComparer.Ordinal);
    private readonly WebApplication _app;
    private int _requests;

    private OpenSslOcspResponder(TestCert issuer)
    {
        File.WriteAllText(IssuerPath, issuer.CertPem);
        File.WriteAllText(KeyPath, issuer.KeyPem);
        File.WriteAllText(IndexPath, "");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapPost("/", AnswerAsync);
    }

    public string Url => _app.Urls.First().Replace("[::1]", "127.0.0.1") + "/";

    /// <summary>How many requests were answered.</summary>
    public int Requests => Volatile.Read(ref _requests);

    private string IssuerPath => Path.Combine(_directory, "issuer.crt");
    private string KeyPath => Path.Combine(_directory, "issuer.key");
    private string IndexPath => Path.Combine(_directory, "index.txt");

    public static async Task<OpenSslOcspResponder> StartAsync(TestCert issuer)
    {
        var responder = new OpenSslOcspResponder(issuer);
        await responder._app.StartAsync();
        return responder;
    }

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

    private static string Time(DateTime utc) => utc.ToString("yyMMddHHmmss", CultureInfo.InvariantCulture) + "Z";

    private async Task<IResult> AnswerAsync(HttpRequest request)
    {
        var id = Interlocked.Increment(ref _requests);
        var requestPath = Path.Combine(_directory, $"req-{id}.der");
        var responsePath = Path.Combine(_directory, $"resp-{id}.der");
        using (var file = File.Create(requestPath)) await request.Body.CopyToAsync(file);
        var start = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true };
        string[] args = ["ocsp", "-index", IndexPath, "-CA", IssuerPath, "-rsigner", IssuerPath, "-rkey", KeyPath,
            "-reqin", requestPath, "-respout", responsePath, "-nmin", "5"];
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        _ = await output + await error;
        return process.ExitCode == 0 && File.Exists(responsePath)
            ? Results.Bytes(await File.ReadAllBytesAsync(responsePath), "application/ocsp-response")
            : Results.StatusCode(500);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
