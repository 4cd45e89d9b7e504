using System.CommandLine;
using Gatehouse.ControlPlane.Console;
using Gatehouse.ControlPlane.Hosting;
using Gatehouse.ControlPlane.Metrics;
using Gatehouse.Gateway.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Gatehouse.Storage;
using Gatehouse.Storage.Sqlite;
using Microsoft.Extensions.Hosting;

namespace Gatehouse.Commands;

/// <summary><c>gatehouse up</c>: control plane and gateway in one process on the embedded SQLite store (DESIGN.md §7).</summary>
public static class UpCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Data directory (SQLite store, generated token and keyring).", DefaultValueFactory = _ => "./gatehouse-data" };
        var adminListen = new Option<string>("--admin-listen") { Description = "Admin API and console address.", DefaultValueFactory = _ => "127.0.0.1:9180" };
        var httpListen = new Option<string>("--http-listen") { Description = "Plain HTTP gateway listener.", DefaultValueFactory = _ => "0.0.0.0:9080" };
        var httpsListen = new Option<string>("--https-listen") { Description = "HTTPS gateway listener (certificate chosen by SNI).", DefaultValueFactory = _ => "0.0.0.0:9443" };
        var tokenFile = new Option<string?>("--token-file") { Description = "File holding the admin token (at least 32 characters). Default: GATEHOUSE_ADMIN_TOKEN, else generated into the data directory." };
        var keyringFile = new Option<string?>("--keyring-file") { Description = "File holding the keyring (comma-separated base64 32-byte keys). Default: GATEHOUSE_KEYRING, else generated into the data directory." };
        var adminCert = new Option<string?>("--admin-tls-cert") { Description = "PEM certificate for the admin listener (required with --admin-tls-key for a non-loopback admin address)." };
        var adminKey = new Option<string?>("--admin-tls-key") { Description = "PEM private key for the admin listener." };
        var adminInsecure = new Option<bool>("--admin-insecure") { Description = "Allow a non-loopback admin listener without TLS." };

        var command = new Command("up", "Run the control plane and the gateway in one process, with SQLite in the data directory.")
        {
            data, adminListen, httpListen, httpsListen, tokenFile, keyringFile, adminCert, adminKey, adminInsecure,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!ListenAddress.TryParse(parse.GetValue(adminListen)!, out var adminEndPoint))
                return Fail("--admin-listen must be an address such as 127.0.0.1:9180.");
            if (!ListenAddress.TryParse(parse.GetValue(httpListen)!, out var http))
                return Fail("--http-listen must be an address such as 0.0.0.0:9080.");
            if (!ListenAddress.TryParse(parse.GetValue(httpsListen)!, out var https))
                return Fail("--https-listen must be an address such as 0.0.0.0:9443.");
            var (cert, key) = (parse.GetValue(adminCert), parse.GetValue(adminKey));
            if ((cert is null) != (key is null)) return Fail("--admin-tls-cert and --admin-tls-key go together.");
            if (!System.Net.IPAddress.IsLoopback(adminEndPoint.Address) && cert is null && !parse.GetValue(adminInsecure))
                return Fail("A non-loopback --admin-listen needs --admin-tls-cert/--admin-tls-key, or an explicit --admin-insecure.");

            var directory = Path.GetFullPath(parse.GetValue(data)!);
            try
            {
                SecretFiles.EnsureDirectory(directory);
                var (token, newToken) = AdminToken.Load(parse.GetValue(tokenFile), directory);
                var keyring = KeyringLoader.Load(parse.GetValue(keyringFile), directory);
                await using var store = await SqliteConfigStore.OpenAsync(Path.Combine(directory, "gatehouse.db"), cancellationToken: cancellationToken);
                using var loggers = LoggerFactory.Create(GatehouseLogging.Configure);
                await using var gateway = GatewayRuntime.Create(store, keyring, loggers, TimeProvider.System);
                var adminOptions = new AdminHostOptions(adminEndPoint, cert, key, directory);
                await using var admin = AdminHost.Build(adminOptions, store, keyring, token, services =>
                {
                    services.AddSingleton<IReadinessCheck>(new GatewayReadinessCheck(gateway.Holder));
                    services.AddSingleton<IMetricsSource>(gateway.Metrics);
                    services.AddGatehouseConsole(adminOptions);
                }, app => app.MapGatehouseConsole());
                if (newToken is not null)
                {
                    Console.Out.WriteLine($"Generated the admin token (shown once; stored in {Path.Combine(directory, "admin-token")}, mode 0600):");
                    Console.Out.WriteLine(newToken);
                }
                await admin.StartAsync(cancellationToken);
                // The gateway listeners open only once the first snapshot is loaded from the store.
                await gateway.StartAsync(cancellationToken);
                await using var listeners = GatewayHost.Build(new GatewayHostOptions(http, https), gateway);
                await listeners.StartAsync(cancellationToken);
                Console.Out.WriteLine($"gatehouse is up: admin on {(cert is null ? "http" : "https")}://{adminEndPoint}, gateway on http://{http} and https://{https}, data in {directory}");
                // SIGTERM stops both hosts; each drains its in-flight requests.
                await Task.WhenAll(admin.WaitForShutdownAsync(cancellationToken), listeners.WaitForShutdownAsync(cancellationToken));
                return 0;
            }
            catch (Exception e) when (e is InvalidOperationException or StoreUnavailableException or Core.Secrets.KeyringException or IOException or UnauthorizedAccessException)
            {
                return Fail(e.Message, exitCode: 1);
            }
        });
        return command;
    }

    private static int Fail(string message, int exitCode = 2)
    {
        Console.Error.WriteLine("gatehouse up: " + message);
        return exitCode;
    }
}
