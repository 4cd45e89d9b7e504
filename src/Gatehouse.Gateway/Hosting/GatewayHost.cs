using Gatehouse.Gateway.Acme;
using Gatehouse.Gateway.Forwarding;
using Gatehouse.Gateway.Tls;
using Gatehouse.Hosting.Builder;
using Gatehouse.Hosting.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace Gatehouse.Gateway.Hosting;

/// <summary>Builds the data plane's web application: the plain HTTP and the HTTPS (SNI-selected) listeners, every request routed and forwarded by <see cref="GatewayRequestHandler"/>.</summary>
public static class GatewayHost
{
    public static WebApplication Build(GatewayHostOptions options, GatewayRuntime runtime)
    {
        var builder = GatehouseWebApplication.CreateSlimBuilder("gatehouse-gateway");
        GatehouseLogging.Configure(builder.Logging);
        // YARP logs every proxied URL (query string included) at Information; the access log replaces it (DESIGN.md §9).
        builder.Logging.AddFilter("Yarp", LogLevel.Warning);
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(options.HttpListen, listen => listen.Protocols = HttpProtocols.Http1);
            kestrel.Listen(options.HttpsListen, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                // Before UseHttps: reads the ClientHello's signature_algorithms to pick the RSA or ECDSA certificate.
                listen.Use(next => new ClientHelloPeekMiddleware(next, SniCertificateSelector.HandshakeTimeout).InvokeAsync);
                listen.UseHttps(runtime.Selector.CallbackOptions);
            });
        });
        builder.Services.AddSingleton(runtime);
        builder.Services.AddHttpForwarder();
        var app = builder.Build();
        var handler = new GatewayRequestHandler(runtime.Holder, app.Services.GetRequiredService<IHttpForwarder>(), runtime.Invokers,
            runtime.Metrics, runtime.Time, runtime.AccessLog, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Gatehouse.Gateway.Forwarding"));
        // ACME http-01 answers come before routing (DESIGN.md §12); everything else is routed.
        var challenges = new AcmeHttpChallengeResponder(runtime.Challenges);
        app.Run(context => challenges.TryAnswer(context) ?? handler.HandleAsync(context));
        return app;
    }
}
