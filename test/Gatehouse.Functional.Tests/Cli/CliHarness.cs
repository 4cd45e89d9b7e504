using System.CommandLine;
using Gatehouse.Commands;
using Gatehouse.Functional.Tests.Api;
using Gatehouse.Testing.Pki;
using Gatehouse.Testing.Process;

namespace Gatehouse.Functional.Tests.Cli;

/// <summary>
/// Runs the real command parser in-process against a running gatehouse, with the token in a temporary file. Every
/// run checks that no base64 line of any key this harness wrote appears on stdout or stderr.
/// </summary>
public sealed class CliHarness : IDisposable
{
    private readonly GatehouseProcess _process;
    private readonly List<string> _keyLines = [];

    public CliHarness(GatehouseProcess process)
    {
        _process = process;
        Directory = System.IO.Directory.CreateTempSubdirectory("gatehouse-cli-").FullName;
        TokenFile = Path.Combine(Directory, "token");
        File.WriteAllText(TokenFile, GatehouseProcess.Token + "\n");
    }

    public string Directory { get; }
    public string TokenFile { get; }

    /// <summary>Writes the certificate chain and key PEM files of <paramref name="cert"/>.</summary>
    public (string Cert, string Key) Write(TestCert cert, string name)
    {
        _keyLines.AddRange(SslJson.Base64Lines(cert.KeyPem));
        return cert.WriteFiles(Directory, name);
    }

    /// <summary>Writes a CA certificate PEM file.</summary>
    public string WriteCa(TestCert ca, string name)
    {
        var path = Path.Combine(Directory, name + ".pem");
        File.WriteAllText(path, ca.CertPem);
        return path;
    }

    /// <summary>Runs <c>gatehouse args… --server URL --token-file FILE</c>.</summary>
    public Task<CliRun> RunAsync(params string[] args) =>
        RunRawAsync([.. args, "--server", _process.AdminUri.ToString(), "--token-file", TokenFile]);

    /// <summary>Runs exactly <paramref name="args"/>.</summary>
    public async Task<CliRun> RunRawAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await GatehouseCli.InvokeAsync(args, new InvocationConfiguration { Output = output, Error = error });
        var run = new CliRun(exitCode, output.ToString(), error.ToString());
        foreach (var line in _keyLines)
        {
            Assert.DoesNotContain(line, run.Out);
            Assert.DoesNotContain(line, run.Error);
        }
        return run;
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
