using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Gatehouse.Hosting.Builder;

/// <summary>
/// The one way every Gatehouse listener (admin, gateway, status) creates its web application. ASP.NET Core's default
/// reads <c>appsettings.json</c> with reload on change, which starts a recursive file watcher over the working
/// directory: every directory under it is watched at start-up and every file written under it (a data directory, an
/// access log) wakes a watcher thread. Gatehouse takes its settings from flags and the store, so the file is read
/// once, if present, and nothing is watched.
/// </summary>
public static class GatehouseWebApplication
{
    /// <summary>The host setting that turns the watch off (<c>hostBuilder:reloadConfigOnChange</c>).</summary>
    public const string NoReloadArgument = "--hostBuilder:reloadConfigOnChange=false";

    /// <summary>
    /// A slim builder (Kestrel, no MVC defaults) named <paramref name="applicationName"/>, watching no files, whose host
    /// is stopped by the command that runs it, never by a signal directly (<see cref="CommandLineLifetime"/>).
    /// </summary>
    public static WebApplicationBuilder CreateSlimBuilder(string applicationName)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = applicationName, Args = [NoReloadArgument] });
        builder.Services.AddSingleton<IHostLifetime, CommandLineLifetime>();
        return builder;
    }
}
