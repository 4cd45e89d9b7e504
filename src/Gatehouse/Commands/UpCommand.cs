using System.CommandLine;
using Gatehouse.ControlPlane.Hosting;
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
        var tokenFile = new Option<string?>("--token-file") { Description = "File holding the admin token (at least 32 characters). Default: GATEHOUSE_ADMIN_TOKEN, else generated into the data directory." };
        var keyringFile = new Option<string?>("--keyring-file") { Description = "File holding the keyring (comma-separated base64 32-byte keys). Default: GATEHOUSE_KEYRING, else generated into the data directory." };
        var adminCert = new Option<string?>("--admin-tls-cert") { Description = "PEM certificate for the admin listener (required with --admin-tls-key for a non-loopback admin address)." };
        var adminKey = new Option<string?>("--admin-tls-key") { Description = "PEM private key for the admin listener." };
        var adminInsecure = new Option<bool>("--admin-insecure") { Description = "Allow a non-loopback admin listener without TLS." };

        var command = new Command("up", "Run the control plane and the gateway in one process, with SQLite in the data directory.")
        {
            data, adminListen, tokenFile, keyringFile, adminCert, adminKey, adminInsecure,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!ListenAddress.TryParse(parse.GetValue(adminListen)!, out var admin))
                return Fail("--admin-listen must be an address such as 127.0.0.1:9180.");
            var (cert, key) = (parse.GetValue(adminCert), parse.GetValue(adminKey));
            if ((cert is null) != (key is null)) return Fail("--admin-tls-cert and --admin-tls-key go together.");
            if (!System.Net.IPAddress.IsLoopback(admin.Address) && cert is null && !parse.GetValue(adminInsecure))
                return Fail("A non-loopback --admin-listen needs --admin-tls-cert/--admin-tls-key, or an explicit --admin-insecure.");

            var directory = Path.GetFullPath(parse.GetValue(data)!);
            try
            {
                SecretFiles.EnsureDirectory(directory);
                var (token, newToken) = AdminToken.Load(parse.GetValue(tokenFile), directory);
                var keyring = KeyringLoader.Load(parse.GetValue(keyringFile), directory);
                await using var store = await SqliteConfigStore.OpenAsync(Path.Combine(directory, "gatehouse.db"), cancellationToken: cancellationToken);
                await using var app = AdminHost.Build(new AdminHostOptions(admin, cert, key), store, keyring, token);
                if (newToken is not null)
                {
                    Console.Out.WriteLine($"Generated the admin token (shown once; stored in {Path.Combine(directory, "admin-token")}, mode 0600):");
                    Console.Out.WriteLine(newToken);
                }
                await app.StartAsync(cancellationToken);
                Console.Out.WriteLine($"gatehouse is up: admin on {(cert is null ? "http" : "https")}://{admin}, data in {directory}");
                await app.WaitForShutdownAsync(cancellationToken);
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
