using System.Net;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Functional.Tests.Gateway;

/// <summary>
/// A real upstream on 127.0.0.1 (free port, optional TLS) that answers every request with JSON echoing its name,
/// method, path, raw request target, query, Host and headers; <c>/slow?ms=N</c> waits first. Stopped on dispose.
/// </summary>
public sealed class EchoUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly StrongBox<int> _slowStarted;

    private EchoUpstream(WebApplication app, string name, int port, StrongBox<int> slowStarted)
    {
        _slowStarted = slowStarted;
        _app = app;
        Name = name;
        Port = port;
    }

    public string Name { get; }
    public int Port { get; }

    /// <summary>How many <c>/slow</c> requests have arrived (a request is in flight once this moves).</summary>
    public int SlowStarted => Volatile.Read(ref _slowStarted.Value);

    /// <param name="clientCa">When set, the upstream demands a client certificate that chains to this CA.</param>
    public static async Task<EchoUpstream> StartAsync(string name = "echo", X509Certificate2? certificate = null, X509Certificate2? clientCa = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = certificate is null ? HttpProtocols.Http1 : HttpProtocols.Http1AndHttp2;
            if (certificate is null) return;
            listen.UseHttps(https =>
            {
                https.ServerCertificate = certificate;
                if (clientCa is null) return;
                https.ClientCertificateMode = Microsoft.AspNetCore.Server.Kestrel.Https.ClientCertificateMode.RequireCertificate;
                https.ClientCertificateValidation = (client, _, _) => ChainsTo(client, clientCa);
            });
        }));
        var app = builder.Build();
        var slowStarted = new StrongBox<int>();
        app.Run(context => EchoAsync(context, name, slowStarted));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EchoUpstream(app, name, new Uri(address).Port, slowStarted);
    }

    private static async Task EchoAsync(HttpContext context, string name, StrongBox<int> slowStarted)
    {
        if (context.Request.Path == "/slow")
        {
            Interlocked.Increment(ref slowStarted.Value);
            var ms = int.TryParse(context.Request.Query["ms"], out var value) ? value : 3000;
            await Task.Delay(ms);
        }
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["name"] = name,
            ["method"] = context.Request.Method,
            ["path"] = context.Request.Path.Value,
            // The request target exactly as it arrived on the wire (path and query, still percent-encoded).
            ["raw_target"] = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget,
            ["query"] = context.Request.QueryString.Value,
            // The raw header: HttpRequest.Host decodes punycode, which would hide what the gateway sent.
            ["host"] = context.Request.Headers.Host.ToString(),
            ["headers"] = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
            ["client_subject"] = context.Connection.ClientCertificate?.Subject,
        }));
    }

    private static bool ChainsTo(X509Certificate2 client, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        return chain.Build(client);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
