using System.Diagnostics;
using System.Text;
using Gatehouse.Testing.Process;

namespace Gatehouse.Testing.Etcd;

/// <summary>
/// A real single-member etcd (<c>/usr/bin/etcd</c>) on free loopback ports with its own data directory. It can be
/// stopped (SIGKILL by its PID) and started again on the same data and ports; dispose stops it and deletes the data.
/// </summary>
public sealed class EtcdServer : IAsyncDisposable
{
    private const string Binary = "/usr/bin/etcd";
    private readonly StringBuilder _output = new();
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("gatehouse-etcd-").FullName;
    private readonly int _clientPort = FreePort.Next();
    private readonly int _peerPort = FreePort.Next();
    private System.Diagnostics.Process? _process;

    private EtcdServer()
    {
    }

    /// <summary>The client URL, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public string Endpoint => $"http://127.0.0.1:{_clientPort}";

    public static async Task<EtcdServer> StartAsync()
    {
        var server = new EtcdServer();
        try
        {
            await server.RestartAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts etcd (again) on the same data directory and ports and waits until it reports healthy.</summary>
    public async Task RestartAsync()
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: install the Debian package etcd-server (scripts/test.sh does).");
        }

        var peer = $"http://127.0.0.1:{_peerPort}";
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                "--name", "default", "--data-dir", _dataDirectory,
                "--listen-client-urls", Endpoint, "--advertise-client-urls", Endpoint,
                "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                "--initial-cluster", $"default={peer}",
            },
        };
        var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("etcd did not start.");
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitHealthyAsync(process);
    }

    /// <summary>Kills etcd by its PID (SIGKILL) and waits for it to exit; the data directory stays.</summary>
    public async Task StopAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        if (!process.HasExited)
        {
            process.Kill();
        }

        await process.WaitForExitAsync();
        process.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private async Task WaitHealthyAsync(System.Diagnostics.Process process)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                var health = await http.GetStringAsync($"{Endpoint}/health");
                if (health.Contains("\"health\":\"true\"", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(50);
        }

        await StopAsync();
        string output;
        lock (_output)
        {
            output = _output.ToString();
        }

        throw new InvalidOperationException($"etcd at {Endpoint} did not become healthy. Its output:\n{output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
