using Gatehouse.Core.Services;
using Gatehouse.Gateway.Configuration;
using Gatehouse.Gateway.Routing;
using Gatehouse.Gateway.Tls;
using static Gatehouse.Gateway.Tests.TestObjects;

namespace Gatehouse.Gateway.Tests.Routing;

public sealed class RouteTableTests
{
    private static RouteTable Table(params ServiceRecord[] services) =>
        RouteTable.Build(services.Select(s => new ServiceRoute(new ServiceModel(s, 1), null)));

    private static string? Routed(RouteTable table, string? host, string path) => table.Match(host, path)?.Service.Id;

    [Fact]
    public void Exact_host_beats_wildcard()
    {
        var table = Table(Service("wild", ["*.example.test"]), Service("exact", ["www.example.test"]));

        Assert.Equal("exact", Routed(table, "www.example.test", "/"));
        Assert.Equal("wild", Routed(table, "api.example.test", "/"));
    }

    [Theory]
    [InlineData("a.example.test", "wild")]
    [InlineData("example.test", null)]
    [InlineData("a.b.example.test", null)]
    [InlineData("other.test", null)]
    public void Wildcard_matches_one_label_deep(string host, string? expected) =>
        Assert.Equal(expected, Routed(Table(Service("wild", ["*.example.test"])), host, "/x"));

    [Theory]
    [InlineData("/", "root")]
    [InlineData("/other", "root")]
    [InlineData("/api", "api")]
    [InlineData("/api/users", "api")]
    [InlineData("/apix", "root")]
    [InlineData("/api/v2", "v2")]
    [InlineData("/api/v2/users", "v2")]
    [InlineData("/api/v20", "api")]
    [InlineData("/API/v2", "root")]
    public void Longest_prefix_wins_on_segment_boundaries(string path, string expected)
    {
        var table = Table(Service("api", ["shop.test"], "/api"), Service("root", ["shop.test"]), Service("v2", ["shop.test"], "/api/v2"));

        Assert.Equal(expected, Routed(table, "shop.test", path));
    }

    [Fact]
    public void Longest_prefix_wins_among_wildcard_routes_too()
    {
        var table = Table(Service("root", ["*.example.test"]), Service("api", ["*.example.test"], "/api"));

        Assert.Equal("api", Routed(table, "a.example.test", "/api/x"));
        Assert.Equal("root", Routed(table, "a.example.test", "/x"));
    }

    [Fact]
    public void Exact_host_without_a_matching_prefix_does_not_fall_back_to_the_wildcard()
    {
        // docs/decisions.md: the host is decided first (nginx's server block), then the prefix.
        var table = Table(Service("wild", ["*.example.test"]), Service("exact-api", ["www.example.test"], "/api"));

        Assert.Equal("exact-api", Routed(table, "www.example.test", "/api/x"));
        Assert.Null(Routed(table, "www.example.test", "/other"));
        Assert.Equal("wild", Routed(table, "api.example.test", "/other"));
    }

    [Fact]
    public void A_service_routes_each_of_its_hosts()
    {
        var table = Table(Service("multi", ["a.test", "b.test", "*.c.test"]));

        Assert.Equal("multi", Routed(table, "a.test", "/"));
        Assert.Equal("multi", Routed(table, "b.test", "/"));
        Assert.Equal("multi", Routed(table, "x.c.test", "/"));
    }

    [Fact]
    public void Missing_or_ip_host_routes_nowhere()
    {
        var table = Table(Service("root", ["shop.test"]));

        Assert.Null(Routed(table, null, "/"));
        Assert.Null(Routed(table, "192.0.2.1", "/"));
    }

    [Fact]
    public void Empty_path_is_the_root()
    {
        var table = Table(Service("api", ["shop.test"], "/api"), Service("root", ["shop.test"]));

        Assert.Equal("root", Routed(table, "shop.test", ""));
    }

    [Fact]
    public void Empty_table_routes_nothing() => Assert.Null(RouteTable.Empty.Match("shop.test", "/"));

    [Fact]
    public void Each_listener_routes_only_the_services_listing_its_protocol()
    {
        var snapshot = Snapshot([],
        [
            Service("01aaaaaaaaaaaaaaaaaaaaaaaa", ["secure.test"], protocols: [ServiceProtocols.Https]),
            Service("01bbbbbbbbbbbbbbbbbbbbbbbb", ["plain.test"], protocols: [ServiceProtocols.Http]),
            Service("01cccccccccccccccccccccccc", ["both.test"]),
        ]);

        Assert.Null(snapshot.HttpRoutes.Match("secure.test", "/"));
        Assert.Equal("01aaaaaaaaaaaaaaaaaaaaaaaa", snapshot.HttpsRoutes.Match("secure.test", "/")?.Service.Id);
        Assert.Equal("01bbbbbbbbbbbbbbbbbbbbbbbb", snapshot.HttpRoutes.Match("plain.test", "/")?.Service.Id);
        Assert.Null(snapshot.HttpsRoutes.Match("plain.test", "/"));
        // One route object per service, shared by both tables (one target schedule).
        Assert.Same(snapshot.HttpRoutes.Match("both.test", "/"), snapshot.HttpsRoutes.Match("both.test", "/"));
    }
}
