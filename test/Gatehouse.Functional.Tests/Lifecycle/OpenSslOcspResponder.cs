using System.Net;
using Gatehouse.Testing.Pki;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Functional.Tests.Lifecycle;

/// <summary>
/// An OCSP responder on 127.0.0.1 (RFC 6960 over HTTP POST) whose answers <c>openssl ocsp -index …</c> signs: each
/// request is handed to openssl as a file (Debian's openssl cannot bind its <c>-port</c> to loopback only).
/// <see cref="Set"/> rewrites the index, so a certificate can be flipped to revoked.
/// </summary>
public sealed class OpenSslOcspResponder : IAsyncDisposable
{
    private readonly OpenSslOcsp _ocsp;
    private readonly WebApplication _app;
    private int _requests;

    private OpenSslOcspResponder(TestCert issuer)
    {
        _ocsp = new OpenSslOcsp(issuer);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapPost("/", AnswerAsync);
    }

    public string Url => _app.Urls.First() + "/";

    /// <summary>How many requests were answered.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public static async Task<OpenSslOcspResponder> StartAsync(TestCert issuer)
    {
        var responder = new OpenSslOcspResponder(issuer);
        await responder._app.StartAsync();
        return responder;
    }

    /// <summary>Says <paramref name="certificate"/> is good, or revoked since a minute ago.</summary>
    public void Set(TestCert certificate, bool revoked) => _ocsp.Set(certificate, revoked);

    private async Task<IResult> AnswerAsync(HttpRequest request)
    {
        Interlocked.Increment(ref _requests);
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        try
        {
            return Results.Bytes(await _ocsp.AnswerAsync(body.ToArray()), "application/ocsp-response");
        }
        catch (InvalidOperationException)
        {
            return Results.StatusCode(500);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _ocsp.Dispose();
    }
}
