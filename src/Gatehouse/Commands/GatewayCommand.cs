using System.CommandLine;
using Gatehouse.Commands.Hosting;
using Gatehouse.ControlPlane.Hosting;
using Gatehouse.Gateway.Hosting;
using Gatehouse.Storage.Etcd;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Commands;

/// <summary><c>gatehouse gateway</c>: the data plane alone, following a shared etcd store (DESIGN.md §7).</summary>
public static class GatewayCommand
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
        secrets.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (EtcdStoreOption.ToEndpoints(parse.GetValue(store)!) is not { } endpoints)
                return StartupFailure.Report(Name, "--store must be an etcd cluster such as etcd://h1:2379,h2:2379.");
            if (!ListenAddress.TryParse(parse.GetValue(statusListen)!, out var status))
                return StartupFailure.Report(Name, "--status-listen must be an address such as 127.0.0.1:9181.");
            if (gatewayListeners.TryResolve(parse, out var listenerOptions) is { } listenError) return StartupFailure.Report(Name, listenError);
            try
            {
                var (_, keyring) = secrets.LoadShared(parse);
                await using var etcd = await EtcdConfigStore.ConnectAsync(endpoints, cancellationToken: cancellationToken);
                using var loggers = LoggerFactory.Create(GatehouseLogging.Configure);
                await using var gateway = GatewayRuntime.Create(etcd, keyring, loggers, TimeProvider.System);
                // The status listener opens first, so /readyz answers "not ready" while the first snapshot loads.
                await using var statusHost = StatusHost.Build(new StatusHostOptions(status), gateway, etcd);
                await statusHost.StartAsync(cancellationToken);
                await gateway.StartAsync(cancellationToken);
                await using var listeners = GatewayHost.Build(listenerOptions, gateway);
                await listeners.StartAsync(cancellationToken);
                Console.Out.WriteLine($"gatehouse gateway is up: http://{listenerOptions.HttpListen} and https://{listenerOptions.HttpsListen}, " +
                    $"status on http://{status}, store {parse.GetValue(store)}");
                // SIGTERM stops both hosts; the listeners drain their in-flight requests.
                await Task.WhenAll(statusHost.WaitForShutdownAsync(cancellationToken), listeners.WaitForShutdownAsync(cancellationToken));
                return 0;
            }
            catch (ArgumentException e)
            {
                return StartupFailure.Report(Name, "--store: " + e.Message);
            }
            catch (Exception e) when (StartupFailure.IsExpected(e))
            {
                return StartupFailure.Report(Name, e.Message, exitCode: 1);
            }
        });
        return command;
    }
}
