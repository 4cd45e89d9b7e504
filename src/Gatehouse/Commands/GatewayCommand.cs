using System.CommandLine;
using Gatehouse.Commands.Hosting;
using Gatehouse.Configuration;
using Gatehouse.ControlPlane.Hosting;
using Gatehouse.Gateway.Hosting;
using Gatehouse.Hosting.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Commands;

/// <summary><c>gatehouse gateway</c>: the data plane alone, following a shared etcd store (DESIGN.md §7).</summary>
internal static class GatewayCommand
{
    private const string Name = "gateway";

    public static Command Create()
    {
        var store = EtcdStoreOption.Create();
        var statusListen = new Option<string>("--status-listen") { Description = "Health, readiness and metrics address (unauthenticated: /healthz, /readyz, /metrics).", DefaultValueFactory = _ => "127.0.0.1:9181" };
        var gatewayListeners = new GatewayListenerOptions();
        var secrets = new SecretOptions(dataDirectoryFallback: false);

        var command = new Command(Name, "Run the gateway (data plane) alone against a shared etcd store.") { store, statusListen };
        gatewayListeners.AddTo(command);
        secrets.AddKeyringTo(command);
        command.SetAction(ServerAction.Of(async (parse, cancellationToken) =>
        {
            if (!ListenAddress.TryParse(parse.GetValue(statusListen)!, out var status))
                return StartupFailure.Report(Name, "--status-listen must be an address such as 127.0.0.1:9181.");
            if (gatewayListeners.TryResolve(parse, out var listenerOptions) is { } listenError) return StartupFailure.Report(Name, listenError);
            return await EtcdStoreOption.RunAsync(Name, parse, store, () =>
            {
                var keyring = secrets.LoadSharedKeyring(parse);
                ListenerProbe.EnsureAvailable(("--status-listen", status), ("--http-listen", listenerOptions.HttpListen),
                    ("--https-listen", listenerOptions.HttpsListen));
                return keyring;
            }, async (keyring, etcd) =>
            {
                using var loggers = LoggerFactory.Create(GatehouseLogging.Configure);
                using var feed = ConfigFeed.Create(etcd, keyring, AdminApplication.Clock, loggers);
                await using var gateway = GatewayRuntime.Create(feed.Holder, keyring, loggers, AdminApplication.Clock, listenerOptions.AccessLog,
                    listenerOptions.TlsContextCache, protectedListeners: [status]);
                // The status listener opens first, so /readyz answers "not ready" while the first snapshot loads.
                await using var statusHost = StatusHost.Build(new StatusHostOptions(status), gateway, etcd);
                await using var listeners = GatewayHost.Build(listenerOptions, gateway);
                if (!await StartAsync())
                {
                    // SIGTERM while starting (readiness may already answer, before the listeners open) is a clean stop.
                    await feed.StopAsync(CancellationToken.None);
                    return 0;
                }
                Console.Out.WriteLine($"gatehouse gateway is up: http://{listenerOptions.HttpListen} and https://{listenerOptions.HttpsListen}, " +
                    $"status on http://{status}, store {parse.GetValue(store)}");
                // SIGTERM stops both hosts; the listeners drain their in-flight requests.
                await Task.WhenAll(statusHost.WaitForShutdownAsync(cancellationToken), listeners.WaitForShutdownAsync(cancellationToken));
                await feed.StopAsync(CancellationToken.None);
                return 0;

                // False when a SIGTERM arrived before the listeners opened.
                async Task<bool> StartAsync()
                {
                    try
                    {
                        if (!await statusHost.TryStartAsync(cancellationToken)) return false;
                        await feed.StartAndLoadAsync(cancellationToken);
                        await gateway.WaitLoadedAsync(cancellationToken);
                        await gateway.FollowChallengesAsync(etcd, loggers, cancellationToken);
                        return await listeners.TryStartAsync(cancellationToken);
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        return false;
                    }
                }
            }, cancellationToken);
        }));
        return command;
    }
}
