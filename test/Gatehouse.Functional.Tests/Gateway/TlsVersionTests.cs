using Gatehouse.Functional.Tests.Api;
using Gatehouse.Testing.Pki;
using Gatehouse.Testing.Tls;

namespace Gatehouse.Functional.Tests.Gateway;

/// <summary>TLS 1.2 and 1.3 only (DESIGN.md §3): openssl offering only TLS 1.0 or 1.1 is refused, for a name the gateway serves.</summary>
public sealed class TlsVersionTests(GatehouseFixture fixture) : IClassFixture<GatehouseFixture>
{
    private const string Host = "versions.tls.test";

    // OpenSSL 3 will not offer TLS 1.0/1.1 at its default security level; level 0 lets the client try, so the refusal is the gateway's.
    private static readonly string[] LegacyCiphers = ["-cipher", "DEFAULT@SECLEVEL=0"];

    [Theory]
    [InlineData("-tls1")]
    [InlineData("-tls1_1")]
    public async Task A_client_offering_only_an_old_tls_version_is_refused(string version)
    {
        var cert = TestPki.CreateRoot().Issue(Host);
        var created = await fixture.Process.AdminClient().CreateAsync(SslJson.Body(cert));
        await GatewayRevision.WaitForAsync(fixture.Process, created.GetProperty("revision").GetInt64());
        var port = fixture.Process.HttpsPort;

        // Control: the same name and client settings with TLS 1.2 and 1.3 are served.
        Assert.Equal(cert.FingerprintSha256, await OpenSslClient.ServedFingerprintAsync(port, Host, ["-tls1_2", .. LegacyCiphers]));
        Assert.Equal(cert.FingerprintSha256, await OpenSslClient.ServedFingerprintAsync(port, Host, "-tls1_3"));
        var old = await OpenSslClient.ProbeAsync(port, Host, [version, .. LegacyCiphers]);
        Assert.True(old.IsRefused, old.ToString());
    }
}
