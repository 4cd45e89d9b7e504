using Gatehouse.ControlPlane.Hosting;
using Gatehouse.Gateway.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Gateway.Hosting;

/// <summary>Builds the data plane's web application: the plain HTTP and the HTTPS (SNI-selected) listeners.</summary>
public static class GatewayHost
{
    public static WebApplication Build(GatewayHostOptions options, GatewayRuntime runtime)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "gatehouse-gateway" });
        GatehouseLogging.Configure(builder.Logging);
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(options.HttpListen, listen => listen.Protocols = HttpProtocols.Http1);
            kestrel.Listen(options.HttpsListen, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(runtime.Selector.CallbackOptions);
            });
        });
        builder.Services.AddSingleton(runtime);
        var app = builder.Build();
        app.Run(DataPlaneErrors.NoRouteAsync);
        return app;
    }
}
