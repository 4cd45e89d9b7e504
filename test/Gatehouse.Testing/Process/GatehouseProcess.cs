using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Gatehouse.Testing.Process;

/// <summary>
/// Runs the real <c>gatehouse up</c> process on loopback ports with its own data directory, captures its
/// output, and stops it (by its PID) on dispose. The data directory survives <see cref="KillAsync"/> so a
/// test can restart on the same data. <see cref="StartRoleAsync"/> runs <c>gatehouse gateway</c> or
/// <c>gatehouse control-plane</c> instead.
/// </summary>
public sealed class GatehouseProcess : IAsyncDisposable
{
    public const string Token = "test-admin-token-0123456789abcdefghijklmnop";
    private readonly StringBuilder _output = new();
    private System.Diagnostics.Process? _process;

    private GatehouseProcess(string dataDirectory, bool ownsDirectory)
    {
        DataDirectory = dataDirectory;
        OwnsDirectory = ownsDirectory;
    }

    public string DataDirectory { get; }
    private bool OwnsDirectory { get; }
    public int AdminPort { get; private set; }
    public int HttpPort { get; private set; }
    public int HttpsPort { get; private set; }

    /// <summary>The status listener of <c>gatehouse gateway</c> (0 for the other commands).</summary>
    public int StatusPort { get; private set; }
    public Uri AdminUri => new($"http://127.0.0.1:{AdminPort}");
    public Uri StatusUri => new($"http://127.0.0.1:{StatusPort}");

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>Starts a fresh instance in a new temporary data directory.</summary>
    public static Task<GatehouseProcess> StartAsync(IDictionary<string, string?>? environment = null, params string[] extraArgs) =>
        StartInAsync(Directory.CreateTempSubdirectory("gatehouse-test-").FullName, ownsDirectory: true, environment, extraArgs);

    public static async Task<GatehouseProcess> StartInAsync(string dataDirectory, bool ownsDirectory,
        IDictionary<string, string?>? environment = null, params string[] extraArgs)
    {
        var instance = new GatehouseProcess(dataDirectory, ownsDirectory);
        await instance.LaunchAsync(environment, extraArgs);
        return instance;
    }

    /// <summary>
    /// Starts <c>gatehouse up</c> in a new temporary data directory and returns at once, before anything listens (a test
    /// of what happens before <c>/readyz</c> answers).
    /// </summary>
    public static GatehouseProcess LaunchUp()
    {
        var instance = new GatehouseProcess(Directory.CreateTempSubdirectory("gatehouse-test-").FullName, ownsDirectory: true);
        instance.LaunchUp(null, []);
        return instance;
    }

    /// <summary>Starts <c>gatehouse up</c> on an existing data directory with its admin listener on <paramref name="adminPort"/>.</summary>
    public static async Task<GatehouseProcess> StartOnAdminPortAsync(string dataDirectory, int adminPort)
    {
        var instance = new GatehouseProcess(dataDirectory, ownsDirectory: false) { AdminPort = adminPort };
        await instance.LaunchAsync(null, []);
        return instance;
    }

    /// <summary>
    /// Starts <c>gatehouse {role} {args}</c> (<c>gateway</c> or <c>control-plane</c>) on free loopback ports: the gateway's
    /// HTTP, HTTPS and status listeners, or the control plane's admin listener. With <paramref name="waitReady"/> it
    /// returns once <c>/readyz</c> answers 200 (on the status or admin port); else at once, for a test that expects the
    /// process to refuse to start (<see cref="WaitForExitAsync"/>).
    /// </summary>
    public static async Task<GatehouseProcess> StartRoleAsync(string role, IDictionary<string, string?>? environment, bool waitReady,
        params string[] args)
    {
        var instance = new GatehouseProcess(Directory.CreateTempSubdirectory("gatehouse-test-").FullName, ownsDirectory: true);
        string[] listeners;
        if (role == "gateway")
        {
            (instance.HttpPort, instance.HttpsPort, instance.StatusPort) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
            listeners = ["--http-listen", $"127.0.0.1:{instance.HttpPort}", "--https-listen", $"127.0.0.1:{instance.HttpsPort}",
                "--status-listen", $"127.0.0.1:{instance.StatusPort}"];
        }
        else
        {
            instance.AdminPort = FreePort.Next();
            listeners = ["--admin-listen", $"127.0.0.1:{instance.AdminPort}"];
        }
        try
        {
            instance.Launch([role, .. listeners, .. args], environment);
            if (waitReady) await instance.WaitReadyAsync(role == "gateway" ? instance.StatusUri : instance.AdminUri);
            return instance;
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits for the process to end by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process!.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>An HttpClient for the admin listener with the bearer token set.</summary>
    public HttpClient AdminClient(string? token = Token)
    {
        var client = new HttpClient { BaseAddress = AdminUri, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (_process is null) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    /// <summary>SIGSTOP: freezes the process (a dispose still kills it).</summary>
    public void Freeze() => Posix.Stop(_process!.Id);

    /// <summary>SIGCONT: the frozen process runs again.</summary>
    public void Thaw() => Posix.Continue(_process!.Id);

    /// <summary>SIGTERM, then wait for a clean exit.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (_process is null) return -1;
        Posix.Terminate(_process.Id);
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        var code = _process.ExitCode;
        _process.Dispose();
        _process = null;
        return code;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null) await KillAsync();
        if (OwnsDirectory)
        {
            try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Path of the gatehouse executable's dll, copied next to the tests by the project reference.</summary>
    public static string GatehouseDll => Path.Combine(AppContext.BaseDirectory, "gatehouse.dll");

    private async Task LaunchAsync(IDictionary<string, string?>? environment, string[] extraArgs)
    {
        LaunchUp(environment, extraArgs);
        await WaitReadyAsync(AdminUri);
    }

    private void LaunchUp(IDictionary<string, string?>? environment, string[] extraArgs)
    {
        AdminPort = AdminPort == 0 ? FreePort.Next() : AdminPort;
        HttpPort = HttpPort == 0 ? FreePort.Next() : HttpPort;
        HttpsPort = HttpsPort == 0 ? FreePort.Next() : HttpsPort;
        Launch(["up", "--data", DataDirectory, "--admin-listen", $"127.0.0.1:{AdminPort}",
            "--http-listen", $"127.0.0.1:{HttpPort}", "--https-listen", $"127.0.0.1:{HttpsPort}", .. extraArgs], environment);
    }

    private void Launch(string[] args, IDictionary<string, string?>? environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(GatehouseDll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["GATEHOUSE_ADMIN_TOKEN"] = Token;
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) start.Environment.Remove(key);
            else start.Environment[key] = value;
        }
        _process = System.Diagnostics.Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private async Task WaitReadyAsync(Uri baseAddress)
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited) throw new InvalidOperationException("gatehouse exited early:\n" + Output);
            try
            {
                var response = await client.GetAsync("/readyz");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(50);
        }
        throw new TimeoutException("gatehouse did not become ready in 90 s:\n" + Output);
    }
}
