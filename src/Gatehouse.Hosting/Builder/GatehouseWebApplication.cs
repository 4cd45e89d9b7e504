using Microsoft.AspNetCore.Builder;

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

    /// <summary>A slim builder (Kestrel, no MVC defaults) named <paramref name="applicationName"/>, watching no files.</summary>
    public static WebApplicationBuilder CreateSlimBuilder(string applicationName) =>
        WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = applicationName, Args = [NoReloadArgument] });
}
