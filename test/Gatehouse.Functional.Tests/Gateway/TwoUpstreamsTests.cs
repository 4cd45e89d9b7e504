using Gatehouse.Testing.Pki;
using Gatehouse.Testing.Process;
using Gatehouse.Testing.Tls;

namespace Gatehouse.Functional.Tests.Gateway;

/// <summary>
/// What the routing and forwarding tests share: a real gatehouse, two echo upstreams (<c>a</c> and <c>b</c>) on
/// loopback, a test root the clients trust, and curl over each listener.
/// </summary>
public abstract class TwoUpstreamsTests(GatehouseFixture fixture, string rootName) : IClassFixture<GatehouseFixture>, IAsyncLifetime
{
    protected TestCert Root { get; } = TestPki.CreateRoot(rootName);
    private string? _rootFile;
    protected EchoUpstream A { get; private set; } = null!;
    protected EchoUpstream B { get; private set; } = null!;

    protected GatehouseProcess Gatehouse => fixture.Process;

    /// <summary>The root's PEM in a temporary file, for curl's <c>--cacert</c>.</summary>
    protected string RootFile => _rootFile ??= WriteTemp(Root.CertPem);

    public async Task InitializeAsync()
    {
        A = await EchoUpstream.StartAsync("a");
        B = await EchoUpstream.StartAsync("b");
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        if (_rootFile is not null) File.Delete(_rootFile);
    }

    protected Task<CurlResult> HttpsAsync(string host, string path, params string[] extra) =>
        Curl.GetAsync($"https://{host}:{Gatehouse.HttpsPort}{path}", RootFile, extra);

    protected Task<CurlResult> HttpAsync(string host, string path, params string[] extra) =>
        Curl.GetAsync($"http://{host}:{Gatehouse.HttpPort}{path}", null, extra);

    private static string WriteTemp(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"gatehouse-root-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, text);
        return path;
    }
}
