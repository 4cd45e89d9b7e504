using Gatehouse.Testing.Tls;
using Gatehouse.Testing.Pki;
using Gatehouse.Testing.Process;

namespace Gatehouse.Functional.Tests.Gateway;

/// <summary>
/// An https upstream verified with the platform's default trust and name check (DESIGN.md §4). The process gets a
/// system trust store holding only a test root (<c>SSL_CERT_FILE</c>, read by .NET's OpenSSL layer).
/// </summary>
public sealed class UpstreamTlsTests
{
    [Fact]
    public async Task A_trusted_upstream_is_verified_on_the_target_or_sni_name_whatever_host_is_forwarded()
    {
        var root = TestPki.CreateRoot("Upstream System Root");
        var bundle = Path.Combine(Path.GetTempPath(), $"gatehouse-trust-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(bundle, root.CertPem);
        try
        {
            var leaf = root.Issue(new CertSpec { DnsNames = ["upstream.internal"], IpAddresses = ["127.0.0.1"] });
            await using var upstream = await EchoUpstream.StartAsync("tls", leaf.WithKey());
            await using var gatehouse = await GatehouseProcess.StartAsync(new Dictionary<string, string?> { ["SSL_CERT_FILE"] = bundle, ["SSL_CERT_DIR"] = "/nonexistent" });

            var byTarget = ServiceRequests.Body("by-target", ["target.up.test"], (upstream.Port, 1));
            byTarget["upstream"]!["scheme"] = "https";
            await gatehouse.CreateServiceAsync(byTarget);
            var bySni = ServiceRequests.Body("by-sni", ["sni.up.test"], (upstream.Port, 1));
            bySni["upstream"]!["scheme"] = "https";
            bySni["upstream"]!["sni"] = "upstream.internal";
            await gatehouse.CreateServiceAsync(bySni);
            var wrongName = ServiceRequests.Body("wrong-name", ["wrong.up.test"], (upstream.Port, 1));
            wrongName["upstream"]!["scheme"] = "https";
            wrongName["upstream"]!["sni"] = "other.internal";
            await gatehouse.CreateServiceAsync(wrongName);

            // The client's Host (target.up.test) is forwarded, yet the name verified is 127.0.0.1 or upstream.sni.
            var target = await Curl.GetAsync($"http://target.up.test:{gatehouse.HttpPort}/");
            Assert.True(target.Status == 200, target.Body);
            Assert.Equal($"target.up.test:{gatehouse.HttpPort}", target.Json.GetProperty("host").GetString());
            var sni = await Curl.GetAsync($"http://sni.up.test:{gatehouse.HttpPort}/");
            Assert.True(sni.Status == 200, sni.Body);
            var wrong = await Curl.GetAsync($"http://wrong.up.test:{gatehouse.HttpPort}/");
            Assert.Equal((502, "upstream_tls_failed"), (wrong.Status, wrong.ErrorCode));
        }
        finally
        {
            File.Delete(bundle);
        }
    }
}
