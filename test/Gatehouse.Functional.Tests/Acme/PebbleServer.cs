using System.Diagnostics;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Gatehouse.Testing.Pki;
using Gatehouse.Testing.Process;

namespace Gatehouse.Functional.Tests.Acme;

/// <summary>
/// Debian's <c>pebble</c> ACME test CA, started on loopback with its own configuration: its HTTPS certificate from a test
/// root (the issuer's <c>ca_certificate</c>), its validation ports pointed at a gateway's listeners, names resolved by
/// <see cref="TestDnsServer"/>, no validation sleep, no authorization reuse. Stopped by its PID.
/// </summary>
public sealed class PebbleServer : IAsyncDisposable
{
    private readonly System.Diagnostics.Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _directory;

    private PebbleServer(System.Diagnostics.Process process, string directory, int port, int managementPort, TestCert root)
    {
        _process = process;
        _directory = directory;
        Port = port;
        ManagementPort = managementPort;
        HttpsRoot = root;
    }

    public int Port { get; }

    public int ManagementPort { get; }

    /// <summary>The root of pebble's own HTTPS certificate (not of what it issues).</summary>
    public TestCert HttpsRoot { get; }

    public string DirectoryUrl => $"https://localhost:{Port}/dir";

    public string Output { get { lock (_output) return _output.ToString(); } }

    public static async Task<PebbleServer> StartAsync(int httpPort, int tlsPort, int dnsPort)
    {
        var directory = Directory.CreateTempSubdirectory("gatehouse-pebble-").FullName;
        var root = TestPki.CreateRoot("Pebble HTTPS Root");
        var leaf = root.Issue(new CertSpec { CommonName = "localhost", DnsNames = ["localhost"] });
        var (certPath, keyPath) = leaf.WriteFiles(directory, "pebble");
        var (port, managementPort) = (FreePort.Next(), FreePort.Next());
        var config = new JsonObject
        {
            ["pebble"] = new JsonObject
            {
                ["listenAddress"] = $"127.0.0.1:{port}",
                ["managementListenAddress"] = $"127.0.0.1:{managementPort}",
                ["certificate"] = certPath,
                ["privateKey"] = keyPath,
                ["httpPort"] = httpPort,
                ["tlsPort"] = tlsPort,
                ["ocspResponderURL"] = "",
                ["externalAccountBindingRequired"] = false,
            },
        };
        var configPath = Path.Combine(directory, "pebble-config.json");
        await File.WriteAllTextAsync(configPath, config.ToJsonString());
        var start = new ProcessStartInfo("pebble") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
        foreach (var arg in new[] { "-config", configPath, "-dnsserver", $"127.0.0.1:{dnsPort}" }) start.ArgumentList.Add(arg);
        start.Environment["PEBBLE_VA_NOSLEEP"] = "1";
        start.Environment["PEBBLE_AUTHZREUSE"] = "0";
        var process = System.Diagnostics.Process.Start(start)!;
        var server = new PebbleServer(process, directory, port, managementPort, root);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = server.Client();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(server.DirectoryUrl);
                if (response.IsSuccessStatusCode) return server;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
            }
            if (DateTime.UtcNow >= deadline || process.HasExited)
                throw new InvalidOperationException("pebble did not start:\n" + server.Output);
            await Task.Delay(100);
        }
    }

    /// <summary>The root pebble issues under (from its management endpoint; a new one per run).</summary>
    public async Task<string> IssuingRootPemAsync()
    {
        using var http = Client();
        return await http.GetStringAsync($"https://localhost:{ManagementPort}/roots/0");
    }

    private HttpClient Client()
    {
        var trusted = HttpsRoot.Certificate;
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
        {
            if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)) return false;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(trusted);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
