using System.Diagnostics;
using System.Text.RegularExpressions;
using Gatehouse.Core.Tls;
using Gatehouse.Gateway.Tls;

namespace Gatehouse.Gateway.Tests.Tls;

/// <summary>
/// The process-wide OpenSSL defaults must be exactly the default policy: the same TLS 1.2 suites in the same order
/// (objects on the default policy carry no per-handshake policy when they are in effect), and the TLS 1.3 suites.
/// OpenSSL itself translates its names to IANA's (<c>openssl ciphers -stdname</c>).
/// </summary>
public sealed class OpenSslDefaultsTests
{
    private static string Setting(string name) =>
        Regex.Match(OpenSslDefaults.Configuration, $@"^\s*{name}\s*=\s*(\S+)\s*$", RegexOptions.Multiline) is { Success: true } m
            ? m.Groups[1].Value
            : throw new Xunit.Sdk.XunitException($"{name} is missing from the configuration");

    [Fact]
    public async Task The_tls12_cipher_string_is_the_intermediate_list_in_order()
    {
        var cipherString = Setting("CipherString");
        Assert.EndsWith(":@SECLEVEL=2", cipherString);
        var start = new ProcessStartInfo("openssl", ["ciphers", "-tls1_2", "-stdname", cipherString])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
        // Lines read "IANA_NAME - OPENSSL-NAME TLSv1.x Kx=… ": TLS 1.3 suites are listed too, first.
        var tls12 = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length > 3 && fields[3] == "TLSv1.2")
            .Select(fields => fields[0])
            .ToList();
        Assert.Equal(Tls12CipherSuites.Intermediate, tls12);
    }

    [Fact]
    public void The_tls13_suites_are_the_policy_ones_and_tls12_is_the_floor()
    {
        Assert.Equal(Tls12CipherSuites.Tls13.Select(s => s.ToString()), Setting("Ciphersuites").Split(':'));
        Assert.Equal("TLSv1.2", Setting("MinProtocol"));
    }
}
