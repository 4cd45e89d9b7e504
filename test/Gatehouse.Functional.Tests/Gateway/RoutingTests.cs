using Gatehouse.Testing.Tls;
using System.Text.Json.Nodes;
using Gatehouse.Functional.Tests.Api;
using Gatehouse.Testing.Pki;
using Gatehouse.Testing.Process;

namespace Gatehouse.Functional.Tests.Gateway;

/// <summary>DESIGN.md §3 binding and §4 routing through the real process, with curl and a real upstream.</summary>
public sealed class RoutingTests(GatehouseFixture fixture) : TwoUpstreamsTests(fixture, "Routing Test Root")
{
    private static JsonObject Service(string name, string[] hosts, EchoUpstream upstream, string prefix = "/", string[]? protocols = null)
    {
        var body = ServiceRequests.Body(name, hosts, (upstream.Port, 1));
        body["path_prefix"] = prefix;
        if (protocols is not null) body["protocols"] = new JsonArray([.. protocols.Select(p => (JsonNode)p)]);
        return body;
    }

    [Fact]
    public async Task Forwards_to_the_upstream_with_path_and_query_unchanged()
    {
        await Gatehouse.CreateSslAsync(SslJson.Body(Root.Issue("shop.rt.test")));
        await Gatehouse.CreateServiceAsync(Service("shop", ["shop.rt.test"], A));

        var https = await HttpsAsync("shop.rt.test", "/api/x%20y/z?q=1&r=a%2Fb");
        Assert.Equal(200, https.Status);
        Assert.Equal("a", https.Json.GetProperty("name").GetString());
        Assert.Equal("/api/x y/z", https.Json.GetProperty("path").GetString());
        Assert.Equal("?q=1&r=a%2Fb", https.Json.GetProperty("query").GetString());
        Assert.Equal($"shop.rt.test:{Gatehouse.HttpsPort}", https.Json.GetProperty("host").GetString());

        var http = await HttpAsync("SHOP.rt.test", "/");
        Assert.Equal(200, http.Status);
        Assert.Equal("a", http.Json.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Unknown_hosts_paths_off_segment_boundaries_and_unlisted_listeners_get_no_route()
    {
        await Gatehouse.CreateSslAsync(SslJson.Body(Root.Issue("*.nr.test")));
        await Gatehouse.CreateServiceAsync(Service("nr-api", ["api.nr.test"], A, prefix: "/api"));
        await Gatehouse.CreateServiceAsync(Service("tls-only", ["only.nr.test"], A, protocols: ["https"]));

        Assert.Equal(200, (await HttpsAsync("api.nr.test", "/api")).Status);
        Assert.Equal(200, (await HttpsAsync("api.nr.test", "/api/x")).Status);
        foreach (var (host, path) in new[] { ("other.nr.test", "/api"), ("api.nr.test", "/apix"), ("api.nr.test", "/API"), ("api.nr.test", "/") })
        {
            var result = await HttpsAsync(host, path);
            Assert.True(result.Status == 404, $"{host}{path}: {result.Status} {result.Body}");
            Assert.Equal("no_route", result.ErrorCode);
        }

        Assert.Equal(200, (await HttpsAsync("only.nr.test", "/")).Status);
        var plain = await HttpAsync("only.nr.test", "/");
        Assert.Equal(404, plain.Status);
        Assert.Equal("no_route", plain.ErrorCode);
        var byIp = await Curl.GetAsync($"http://127.0.0.1:{Gatehouse.HttpPort}/");
        Assert.Equal("no_route", byIp.ErrorCode);
    }

    [Fact]
    public async Task The_longest_prefix_on_a_segment_boundary_wins()
    {
        await Gatehouse.CreateServiceAsync(Service("root", ["lp.test"], A, prefix: "/"));
        await Gatehouse.CreateServiceAsync(Service("api", ["lp.test"], B, prefix: "/api"));
        await Gatehouse.CreateServiceAsync(Service("v2", ["lp.test"], A, prefix: "/api/v2"));

        async Task<string?> NameAsync(string path) => (await HttpAsync("lp.test", path)).Json.GetProperty("name").GetString();
        Assert.Equal("a", await NameAsync("/x"));
        Assert.Equal("b", await NameAsync("/api"));
        Assert.Equal("b", await NameAsync("/api/v1/z"));
        Assert.Equal("a", await NameAsync("/api/v2/z"));
        Assert.Equal("b", await NameAsync("/api/v2x"));
        Assert.Equal("a", await NameAsync("/apiary"));
    }

    [Fact]
    public async Task An_exact_host_beats_a_wildcard_and_never_falls_back_to_it()
    {
        await Gatehouse.CreateServiceAsync(Service("wild", ["*.wc.test"], A));
        await Gatehouse.CreateServiceAsync(Service("exact", ["x.wc.test"], B, prefix: "/only"));

        Assert.Equal("a", (await HttpAsync("y.wc.test", "/")).Json.GetProperty("name").GetString());
        Assert.Equal("b", (await HttpAsync("x.wc.test", "/only/1")).Json.GetProperty("name").GetString());
        // The exact host owns x.wc.test like an nginx server block: no match among its prefixes → 404.
        Assert.Equal("no_route", (await HttpAsync("x.wc.test", "/other")).ErrorCode);
        Assert.Equal("no_route", (await HttpAsync("a.b.wc.test", "/")).ErrorCode);
        Assert.Equal("no_route", (await HttpAsync("wc.test", "/")).ErrorCode);
    }

    [Fact]
    public async Task A_host_another_object_wins_is_misdirected_even_when_this_certificate_covers_it()
    {
        await Gatehouse.CreateSslAsync(SslJson.Body(Root.Issue("*.mis.test")));
        await Gatehouse.CreateSslAsync(SslJson.Body(Root.Issue("x.mis.test")));
        await Gatehouse.CreateServiceAsync(Service("mis", ["*.mis.test"], A, protocols: ["https"]));

        Assert.Equal(200, (await HttpsAsync("a.mis.test", "/", "-H", "Host: b.mis.test")).Status);
        foreach (var host in new[] { "x.mis.test", "X.MIS.TEST.", "127.0.0.1", "other.example" })
        {
            var result = await HttpsAsync("a.mis.test", "/", "-H", $"Host: {host}");
            Assert.True(result.Status == 421, $"{host}: {result.Status} {result.Body}");
            Assert.Equal("misdirected_request", result.ErrorCode);
        }
        var h2 = await HttpsAsync("a.mis.test", "/", "--http2", "-H", "Host: x.mis.test");
        Assert.Equal((421, "2"), (h2.Status, h2.HttpVersion));
        Assert.Equal(200, (await HttpsAsync("x.mis.test", "/")).Status);
    }

    [Fact]
    public async Task Plain_http_to_a_host_with_peer_authentication_is_refused()
    {
        var clientCa = TestPki.CreateRoot("Client CA");
        await Gatehouse.CreateSslAsync(SslJson.Body(Root.Issue("pa.rt.test"), ca: clientCa.CertPem));
        await Gatehouse.CreateServiceAsync(Service("pa", ["pa.rt.test"], A, protocols: ["http"]));

        var result = await HttpAsync("pa.rt.test", "/");
        Assert.Equal(403, result.Status);
        Assert.Equal("peer_authentication_required", result.ErrorCode);
    }

    [Fact]
    public async Task Http2_over_tls_is_forwarded()
    {
        await Gatehouse.CreateSslAsync(SslJson.Body(Root.Issue("h2.rt.test")));
        await Gatehouse.CreateServiceAsync(Service("h2", ["h2.rt.test"], B));

        var result = await HttpsAsync("h2.rt.test", "/two?x=1", "--http2");
        Assert.Equal((200, "2"), (result.Status, result.HttpVersion));
        Assert.Equal("b", result.Json.GetProperty("name").GetString());
        Assert.Equal("?x=1", result.Json.GetProperty("query").GetString());
    }
}
