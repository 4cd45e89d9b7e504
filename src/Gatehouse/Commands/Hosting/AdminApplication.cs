using Gatehouse.Configuration;
using Gatehouse.ControlPlane.Console;
using Gatehouse.ControlPlane.Hosting;
using Gatehouse.Core.Secrets;
using Gatehouse.Hosting.Time;
using Gatehouse.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Commands.Hosting;

/// <summary>The control plane as the commands run it: <see cref="AdminHost"/> with the web console.</summary>
internal static class AdminApplication
{
    /// <summary>The clock of every role in this process (shifted only in tests, see <see cref="GatehouseClock"/>).</summary>
    public static TimeProvider Clock { get; } = GatehouseClock.FromEnvironment();

    /// <param name="configureServices">Adds what the caller serves beside it (the in-process gateway's readiness and metrics).</param>
    public static WebApplication Build(AdminHostOptions options, IConfigStore store, ConfigModelHolder model, Keyring keyring, AdminToken token,
        Action<IServiceCollection>? configureServices = null) =>
        AdminHost.Build(options, store, model, keyring, token, services =>
        {
            services.AddSingleton(Clock);
            configureServices?.Invoke(services);
            services.AddGatehouseConsole(options);
        }, app => app.MapGatehouseConsole());
}
