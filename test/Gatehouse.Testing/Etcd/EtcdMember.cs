using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Gatehouse.Testing.Process;

namespace Gatehouse.Testing.Etcd;

/// <summary>
/// One member of an <see cref="EtcdCluster"/>: a real <c>/usr/bin/etcd</c> process on free loopback client and peer
/// ports with its own data directory. It can be killed (SIGKILL by its PID).
/// </summary>
public sealed class EtcdMember
{
    internal const string Binary = "/usr/bin/etcd";
    private readonly StringBuilder _output = new();
    private System.Diagnostics.Process? _process;

    internal EtcdMember(string name, string dataDirectory)
    {
        Name = name;
        DataDirectory = dataDirectory;
    }

    public string Name { get; }
    internal string DataDirectory { get; }
    public int ClientPort { get; } = FreePort.Next();
    public int PeerPort { get; } = FreePort.Next();

    /// <summary>The client URL, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public string Endpoint => $"http://127.0.0.1:{ClientPort}";
    public string PeerUrl => $"http://127.0.0.1:{PeerPort}";
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>What etcd printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    internal void Start(string initialCluster, string clusterToken)
    {
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                "--name", Name, "--data-dir", DataDirectory,
                "--listen-client-urls", Endpoint, "--advertise-client-urls", Endpoint,
                "--listen-peer-urls", PeerUrl, "--initial-advertise-peer-urls", PeerUrl,
                "--initial-cluster", initialCluster, "--initial-cluster-token", clusterToken,
                "--initial-cluster-state", "new",
            },
        };
        var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("etcd did not start.");
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    /// <summary>Kills this member by its PID (SIGKILL) and waits for it to exit; its data directory stays.</summary>
    public async Task KillAsync()
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

    /// <summary>True when this member answers <c>/health</c> with a leader in the cluster.</summary>
    internal async Task<bool> IsHealthyAsync(HttpClient http)
    {
        try
        {
            var health = await http.GetStringAsync($"{Endpoint}/health");
            return health.Contains("\"health\":\"true\"", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>This member's id and the id of the leader it knows, from etcd's JSON gateway (<c>/v3/maintenance/status</c>).</summary>
    internal async Task<(string MemberId, string LeaderId)> StatusAsync(HttpClient http)
    {
        using var response = await http.PostAsync($"{Endpoint}/v3/maintenance/status", new StringContent("{}", Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        using var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var memberId = status.RootElement.GetProperty("header").GetProperty("member_id").GetString()!;
        var leaderId = status.RootElement.GetProperty("leader").GetString()!;
        return (memberId, leaderId);
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
