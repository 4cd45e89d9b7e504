using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Gatehouse.Gateway.Tls;
using Gatehouse.Testing.Pki;
using Gatehouse.Testing.Tls;

namespace Gatehouse.Gateway.Tests.Tls;

/// <summary>
/// The staple reaches the client: an SslStream server on loopback with the options the gateway uses (a cipher-suite
/// policy, so every handshake builds its own SSL_CTX), asked by <c>openssl s_client -status</c> over TLS 1.2 and 1.3.
/// </summary>
public sealed class OcspStaplerTests
{
    private static readonly TestCert Root = TestPki.CreateRoot("Stapler Root");
    private static readonly TestCert Intermediate = Root.Issue(new CertSpec { CommonName = "Stapler Intermediate", IsCa = true, DnsNames = null, ExtendedKeyUsages = null });

    [Fact]
    public async Task A_stapled_response_is_sent_until_it_expires_or_is_removed()
    {
        Assert.True(OcspStapler.Supported, "this runtime's SslStreamCertificateContext lets Gatehouse staple");
        var leaf = Intermediate.Issue(new CertSpec { CommonName = "staple.test", DnsNames = ["staple.test"] });
        using var ocsp = new OpenSslOcsp(Intermediate);
        ocsp.Set(leaf, revoked: false);
        var response = await ocsp.AnswerAboutAsync(leaf);
        var context = SslStreamCertificateContext.Create(leaf.WithKey(), [Intermediate.Certificate], offline: true);
        await using var server = await StaplingServer.StartAsync(context);

        // Nothing stapled yet: the handshake completes without a status.
        await AssertStatusAsync(server.Port, "-tls1_3", expected: null);

        Assert.True(OcspStapler.Apply(context, response, DateTimeOffset.UtcNow.AddMinutes(5)));
        await AssertStatusAsync(server.Port, "-tls1_3", expected: "good");
        await AssertStatusAsync(server.Port, "-tls1_2", expected: "good");

        // A revoked answer replaces it on the same context.
        ocsp.Set(leaf, revoked: true);
        Assert.True(OcspStapler.Apply(context, await ocsp.AnswerAboutAsync(leaf), DateTimeOffset.UtcNow.AddMinutes(5)));
        await AssertStatusAsync(server.Port, "-tls1_3", expected: "revoked");

        // Past its expiry .NET stops stapling it by itself, without any network and without delaying the handshake.
        Assert.True(OcspStapler.Apply(context, response, DateTimeOffset.UtcNow.AddSeconds(-1)));
        await AssertStatusAsync(server.Port, "-tls1_3", expected: null);

        Assert.True(OcspStapler.Apply(context, response, DateTimeOffset.UtcNow.AddMinutes(5)));
        await AssertStatusAsync(server.Port, "-tls1_2", expected: "good");
        Assert.True(OcspStapler.Apply(context, null, DateTimeOffset.UtcNow));
        await AssertStatusAsync(server.Port, "-tls1_2", expected: null);
        Assert.Equal(0, server.Failures);
    }

    private static async Task AssertStatusAsync(int port, string version, string? expected)
    {
        var handshake = await OpenSslClient.HandshakeAsync(port, "staple.test", "-status", version);
        Assert.True(handshake.Completed, handshake.Output);
        if (expected is null)
        {
            Assert.Contains("OCSP response: no response sent", handshake.Output);
        }
        else
        {
            Assert.Contains("OCSP Response Status: successful", handshake.Output);
            Assert.Contains($"Cert Status: {expected}", handshake.Output);
        }
    }

    /// <summary>Accepts TLS connections on 127.0.0.1 with one certificate context and a cipher-suite policy, as the gateway does.</summary>
    private sealed class StaplingServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly SslStreamCertificateContext _context;
        private Task _loop = Task.CompletedTask;
        private int _failures;

        private StaplingServer(SslStreamCertificateContext context) => _context = context;

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        /// <summary>Handshakes the server side failed (none is expected).</summary>
        public int Failures => Volatile.Read(ref _failures);

        public static Task<StaplingServer> StartAsync(SslStreamCertificateContext context)
        {
            var server = new StaplingServer(context);
            server._listener.Start();
            server._loop = server.AcceptAsync();
            return Task.FromResult(server);
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                _ = ServeAsync(client);
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            await using (var stream = new SslStream(client.GetStream()))
            {
                try
                {
                    await stream.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                    {
                        ServerCertificateContext = _context,
                        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                        CipherSuitesPolicy = OperatingSystem.IsWindows() ? null : new CipherSuitesPolicy([TlsCipherSuite.TLS_AES_128_GCM_SHA256, TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256]),
                        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                    });
                }
                catch (AuthenticationException)
                {
                    Interlocked.Increment(ref _failures);
                    return;
                }
                catch (IOException)
                {
                    // s_client closes as soon as its side completes, so writing the TLS 1.3 session tickets can meet a
                    // closed socket: a race of the test's client, which asserts its own handshake completed.
                    return;
                }

                try
                {
                    await stream.ShutdownAsync();
                }
                catch (IOException)
                {
                    // The client may already be gone; close_notify is best effort.
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _loop;
            _stop.Dispose();
        }
    }
}
