using System.CommandLine;
using Gatehouse.Commands.Hosting;
using Gatehouse.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Commands;

/// <summary><c>gatehouse control-plane</c>: the Admin API and the console alone, writing to a shared etcd store (DESIGN.md §7).</summary>
internal static class ControlPlaneCommand
{
    private const string Name = "control-plane";

    public static Command Create()
    {
        var store = EtcdStoreOption.Create();
        var data = new Option<string?>("--data") { Description = "Directory for the console's session keys, so sessions survive restarts. Default: kept in memory." };
        var admin = new AdminListenerOptions();
        var secrets = new SecretOptions(dataDirectoryFallback: false);

        var command = new Command(Name, "Run the control plane (Admin API and console) alone against a shared etcd store.") { store, data };
        admin.AddTo(command);
        secrets.AddTo(command);
        command.SetAction(ServerAction.Of(async (parse, cancellationToken) =>
        {
            var directory = parse.GetValue(data) is { } d ? Path.GetFullPath(d) : null;
            if (admin.TryResolve(parse, directory, out var adminOptions) is { } adminError) return StartupFailure.Report(Name, adminError);
            return await EtcdStoreOption.RunAsync(Name, parse, store, () =>
            {
                var shared = secrets.LoadShared(parse);
                ListenerProbe.EnsureAvailable(("--admin-listen", adminOptions.Listen));
                if (directory is not null) ControlPlane.Hosting.SecretFiles.EnsureDirectory(directory);
                return shared;
            }, async (shared, etcd) =>
            {
                using var loggers = LoggerFactory.Create(Gatehouse.Hosting.Logging.GatehouseLogging.Configure);
                using var feed = ConfigFeed.Create(etcd, shared.Keyring, AdminApplication.Clock, loggers);
                // The admin host is built while the configuration loads (it needs none; here it is the only host), and
                // listens once the model is loaded.
                await feed.StartAsync(cancellationToken);
                await using var adminHost = AdminApplication.Build(adminOptions, etcd, feed.Holder, shared.Keyring, shared.Token);
                await feed.Holder.Loaded.WaitAsync(cancellationToken);
                if (!await adminHost.TryStartAsync(cancellationToken))
                {
                    await feed.StopAsync(CancellationToken.None);
                    return 0;
                }
                Console.Out.WriteLine($"gatehouse control-plane is up: admin on {(adminOptions.TlsCertificatePath is null ? "http" : "https")}://{adminOptions.Listen}, " +
                    $"store {parse.GetValue(store)}");
                await adminHost.WaitForShutdownAsync(cancellationToken);
                await feed.StopAsync(CancellationToken.None);
                return 0;
            }, cancellationToken);
        }));
        return command;
    }
}
