using Gatehouse.Configuration;
using Gatehouse.ControlPlane.Configuration;
using System.Security.Cryptography.X509Certificates;
using Gatehouse.ControlPlane.Access;
using Gatehouse.ControlPlane.Api;
using Gatehouse.ControlPlane.Metrics;
using Gatehouse.ControlPlane.Ssl;
using Gatehouse.Core.Secrets;
using Gatehouse.Hosting.Builder;
using Gatehouse.Hosting.Health;
using Gatehouse.Hosting.Logging;
using Gatehouse.Hosting.Metrics;
using Gatehouse.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.ControlPlane.Hosting;

/// <summary>Builds the control plane's web application: Admin API, status routes, OpenAPI, on the admin listener.</summary>
public static class AdminHost
{
    /// <param name="configureServices">Lets the caller add readiness checks and meters (the gateway's, with <see cref="GatehouseMetrics.AddGatehouseMeters"/>), and the console's services.</param>
    /// <param name="configureApp">Lets the caller add routes served beside the API (the web console), after the API's middleware.</param>
    /// <param name="model">The configuration model the caller keeps fed from the store; every read is answered from it.</param>
    public static WebApplication Build(AdminHostOptions options, IConfigStore store, ConfigModelHolder model, Keyring keyring, AdminToken token,
        Action<IServiceCollection>? configureServices = null, Action<WebApplication>? configureApp = null)
    {
        var builder = GatehouseWebApplication.CreateSlimBuilder("gatehouse");
        GatehouseLogging.Configure(builder.Logging);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(options.Listen, listen =>
            {
                if (options.TlsCertificatePath is { } cert && options.TlsKeyPath is { } key)
                    listen.UseHttps(X509Certificate2.CreateFromPemFile(cert, key));
            });
        });

        var services = builder.Services;
        services.AddSingleton(store);
        services.AddSingleton(keyring);
        services.AddSingleton(token);
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(model);
        services.AddSingleton<FencedWriter>();
        services.AddHttpContextAccessor();
        services.AddSingleton<AuditActor>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<SslObjectService>();
        services.AddSingleton(new AdminEndPoint(options.Listen));
        services.AddSingleton<Gatehouse.ControlPlane.Services.ServiceWriter>();
        services.AddSingleton(provider => new Declarative.ApplyPlanner(keyring, provider.GetRequiredService<AdminEndPoint>().EndPoint));
        services.AddSingleton<Declarative.ApplyService>();
        services.AddSingleton(_ => new StoreHealth(store, options.StoreProbeInterval));
        services.AddHostedService(provider => provider.GetRequiredService<StoreHealth>());
        services.AddSingleton<IReadinessCheck, StoreReadinessCheck>();
        services.AddSingleton<ConfigMetrics>();
        services.AddGatehouseMetrics(ConfigMetrics.MeterName, StoreHealth.MeterName, Lifecycle.LifecycleMetrics.MeterName);
        services.AddSingleton<TokenStore>();
        services.AddSingleton<TokenAuthenticator>();
        services.AddSingleton<AuthenticationThrottle>();
        AddLifecycle(services);
        AddAcme(services);
        services.AddOpenApi("v1", openApi => openApi.AddOperationTransformer<RoleOpenApiTransformer>());
        configureServices?.Invoke(services);

        var app = builder.Build();
        // The configuration's observable instruments exist from the start, so the first scrape has every family.
        app.Services.GetRequiredService<ConfigMetrics>();
        app.UseMiddleware<ErrorHandlingMiddleware>();
        app.UseMiddleware<BearerTokenMiddleware>();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapStatusEndpoints();
        var api = app.MapGroup("/api/v1");
        api.MapSslEndpoints();
        api.MapServiceEndpoints();
        api.MapTokenEndpoints();
        api.MapDeclarativeEndpoints();
        api.MapNotifierEndpoints();
        api.MapEventEndpoints();
        api.MapAcmeIssuerEndpoints();
        api.MapManagedSslEndpoints();
        configureApp?.Invoke(app);
        return app;
    }

    /// <summary>ACME issuers, managed SSL objects and the worker that orders and renews their certificates (DESIGN.md §12).</summary>
    private static void AddAcme(IServiceCollection services)
    {
        services.AddSingleton(Acme.AcmeOptions.FromEnvironment());
        services.AddSingleton<Acme.IssuerStore>();
        services.AddSingleton<Acme.ManagedIndex>();
        services.AddHostedService<Acme.ManagedWatcher>();
        services.AddSingleton<Acme.ManagedSslStore>();
        services.AddSingleton<Acme.ManagedCertificateWriter>();
        services.AddSingleton<Acme.AcmeAttempt>();
        services.AddHostedService<Acme.AcmeWorker>();
    }

    /// <summary>Notifiers, events and their background monitor (DESIGN.md §12).</summary>
    private static void AddLifecycle(IServiceCollection services)
    {
        services.AddSingleton(Lifecycle.LifecycleOptions.FromEnvironment());
        services.AddSingleton<Lifecycle.LifecycleMetrics>();
        services.AddSingleton<Lifecycle.NotifierStore>();
        services.AddSingleton<Lifecycle.WebhookSender>();
        services.AddSingleton<Lifecycle.EventRecorder>();
        services.AddSingleton<Lifecycle.EventDelivery>();
        services.AddSingleton<Lifecycle.OcspFetcher>();
        services.AddSingleton<Lifecycle.OcspRefresher>();
        services.AddHostedService<Lifecycle.LifecycleMonitor>();
    }
}
