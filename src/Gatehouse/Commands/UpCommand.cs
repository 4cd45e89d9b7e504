using System.CommandLine;
using Gatehouse.Commands.Hosting;
using Gatehouse.Configuration;
using Gatehouse.ControlPlane.Hosting;
using Gatehouse.Gateway;
using Gatehouse.Gateway.Hosting;
using Gatehouse.Hosting.Health;
using Gatehouse.Hosting.Logging;
using Gatehouse.Hosting.Metrics;
using Gatehouse.Storage;
using Gatehouse.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Commands;

/// <summary><c>gatehouse up</c>: control plane and gateway in one process on the embedded SQLite store (DESIGN.md §7).</summary>
internal static class UpCommand
{
    private const string Name = "up";

    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Data directory (SQLite store, generated token and keyring).", DefaultValueFactory = _ => "./gatehouse-data" };
        var admin = new AdminListenerOptions();
        var gatewayListeners = new GatewayListenerOptions();
        var secrets = new SecretOptions(dataDirectoryFallback: true);

        var command = new Command(Name, "Run the control plane and the gateway in one process, with SQLite in the data directory.") { data };
        admin.AddTo(command);
        gatewayListeners.AddTo(command);
        secrets.AddTo(command);
        command.SetAction(ServerAction.Of(async (parse, cancellationToken) =>
        {
            var directory = Path.GetFullPath(parse.GetValue(data)!);
            if (admin.TryResolve(parse, directory, out var adminOptions) is { } adminError) return StartupFailure.Report(Name, adminError);
            if (gatewayListeners.TryResolve(parse, out var listenerOptions) is { } listenError) return StartupFailure.Report(Name, listenError);
            try
            {
                SecretFiles.EnsureDirectory(directory);
                var (token, newToken) = AdminToken.Load(parse.GetValue(secrets.TokenFile), directory);
                if (newToken is not null)
                {
                    // Shown at once: the file holds it now, and a start that fails later must not leave it unseen.
                    Console.Out.WriteLine($"Generated the admin token (shown once; stored in {Path.Combine(directory, "admin-token")}, mode 0600):");
                    Console.Out.WriteLine(newToken);
                }
                var keyring = KeyringLoader.Load(parse.GetValue(secrets.KeyringFile), directory);
                ListenerProbe.EnsureAvailable(("--admin-listen", adminOptions.Listen), ("--http-listen", listenerOptions.HttpListen),
                    ("--https-listen", listenerOptions.HttpsListen));
                await using var store = await SqliteConfigStore.OpenAsync(Path.Combine(directory, "gatehouse.db"), cancellationToken: cancellationToken);
                using var loggers = LoggerFactory.Create(GatehouseLogging.Configure);
                // One model for both roles in this process, fed by one watch: each stored revision is parsed once.
                using var feed = ConfigFeed.Create(store, keyring, AdminApplication.Clock, loggers);
                await using var gateway = GatewayRuntime.Create(feed.Holder, keyring, loggers, AdminApplication.Clock, listenerOptions.AccessLog,
                    listenerOptions.TlsContextCache, [adminOptions.Listen]);
                // The configuration loads while the gateway's host is built: a large store keeps both cores busy for
                // seconds, and building the host is mostly single-threaded work that needs no configuration.
                await feed.StartAsync(cancellationToken);
                await using var listeners = GatewayHost.Build(listenerOptions, gateway);
                // Nothing listens before the first model is loaded: the admin API answers from it, the gateway serves it.
                // The gateway opens first, since serving is what a restart waits for; the admin host (ASP.NET Core with
                // the console's pages: about half a second of CPU to build and start, which a 100 000-object load would
                // otherwise share) is built and started after it.
                await feed.Holder.Loaded.WaitAsync(cancellationToken);
                await gateway.WaitLoadedAsync(cancellationToken);
                await gateway.FollowChallengesAsync(store, loggers, cancellationToken);
                if (!await listeners.TryStartAsync(cancellationToken))
                {
                    await feed.StopAsync(CancellationToken.None);
                    return 0;
                }
                await using var adminHost = await StartAdminHostAsync(listeners, () => AdminApplication.Build(adminOptions, store, feed.Holder,
                    keyring, token, services =>
                    {
                        services.AddSingleton<IReadinessCheck>(new GatewayReadinessCheck(gateway.Holder));
                        services.AddGatehouseMeters(GatewayMetrics.MeterName);
                    }), cancellationToken);
                if (adminHost is null)
                {
                    await feed.StopAsync(CancellationToken.None);
                    return 0;
                }
                Console.Out.WriteLine($"gatehouse is up: admin on {(adminOptions.TlsCertificatePath is null ? "http" : "https")}://{adminOptions.Listen}, " +
                    $"gateway on http://{listenerOptions.HttpListen} and https://{listenerOptions.HttpsListen}, data in {directory}");
                // SIGTERM stops both hosts; each drains its in-flight requests.
                await Task.WhenAll(adminHost.WaitForShutdownAsync(cancellationToken), listeners.WaitForShutdownAsync(cancellationToken));
                await feed.StopAsync(CancellationToken.None);
                return 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // SIGTERM while starting (the load, before anything listens) is a clean stop, as in `gateway`.
                return 0;
            }
            catch (Exception e) when (StartupFailure.IsExpected(e))
            {
                return StartupFailure.Report(Name, e.Message, exitCode: 1);
            }

        }));
        return command;
    }

    /// <summary>
    /// Builds and starts the admin host once the gateway listens. If that fails, or SIGTERM arrives meanwhile, the gateway
    /// first drains its in-flight requests (as on any SIGTERM); then the failure is rethrown, or null says "stopped".
    /// </summary>
    private static async Task<WebApplication?> StartAdminHostAsync(WebApplication listeners, Func<WebApplication> build,
        CancellationToken cancellationToken)
    {
        WebApplication? adminHost = null;
        var started = false;
        try
        {
            adminHost = build();
            started = await adminHost.TryStartAsync(cancellationToken);
            return started ? adminHost : null;
        }
        finally
        {
            if (!started)
            {
                await listeners.StopAsync(CancellationToken.None);
                if (adminHost is not null) await adminHost.DisposeAsync();
            }
        }
    }
}
