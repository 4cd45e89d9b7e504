using Gatehouse.Core.Coverage;
using Gatehouse.Core.Sni;
using Gatehouse.Core.Ssl;
using Gatehouse.Testing.Pki;
using static Gatehouse.Core.Tests.Coverage.CoverageObjects;

namespace Gatehouse.Core.Tests.Coverage;

/// <summary><c>tls_coverage</c> (DESIGN.md §4): which object serves each service host, at which step, with which warnings.</summary>
public sealed class CoverageAnalyzerTests
{
    private const string ExactId = "01aaaaaaaaaaaaaaaaaaaaaaa1";
    private const string WildId = "01aaaaaaaaaaaaaaaaaaaaaaa2";
    private const string OtherId = "01aaaaaaaaaaaaaaaaaaaaaaa3";

    private static HostCoverage Single(string host, SniIndex index, params string[] protocols) =>
        Assert.Single(CoverageAnalyzer.For(Service("01sssssssssssssssssssssss1", [host], protocols).Record, index, Now));

    [Fact]
    public void An_exact_san_covers_at_the_exact_step()
    {
        var coverage = Single("shop.test", SniIndex.Build([Server(ExactId, ["shop.test"])]));
        Assert.Equal(new HostCoverage("shop.test", ExactId, "exact", false, []), coverage with { Warnings = [] });
        Assert.Empty(coverage.Warnings);
    }

    [Fact]
    public void A_wildcard_san_covers_a_name_one_label_below_at_the_wildcard_step()
    {
        var coverage = Single("api.shop.test", SniIndex.Build([Server(WildId, ["*.shop.test"])]));
        Assert.Equal((WildId, "wildcard"), (coverage.SslId, coverage.Step));
        Assert.Empty(coverage.Warnings);
    }

    [Fact]
    public void Exact_beats_wildcard()
    {
        var coverage = Single("api.shop.test", SniIndex.Build([Server(WildId, ["*.shop.test"]), Server(ExactId, ["api.shop.test"])]));
        Assert.Equal((ExactId, "exact"), (coverage.SslId, coverage.Step));
    }

    [Theory]
    [InlineData("shop.test")]
    [InlineData("a.b.shop.test")]
    [InlineData("other.test")]
    public void A_host_no_object_matches_has_step_none(string host)
    {
        var coverage = Single(host, SniIndex.Build([Server(WildId, ["*.shop.test"])]));
        Assert.Equal((null, "none", false), (coverage.SslId, coverage.Step, coverage.PeerAuthentication));
    }

    [Fact]
    public void An_uncovered_https_host_carries_a_warning()
    {
        var coverage = Single("shop.test", SniIndex.Empty, "https");
        Assert.Contains(coverage.Warnings, w => w.Contains("No SSL object covers this host", StringComparison.Ordinal));
    }

    [Fact]
    public void An_uncovered_http_only_host_needs_no_certificate_and_has_no_warning() =>
        Assert.Empty(Single("shop.test", SniIndex.Empty, "http").Warnings);

    [Fact]
    public void Client_objects_never_cover_a_host() =>
        Assert.Equal("none", Single("shop.test", SniIndex.Build([Server(ExactId, ["shop.test"], type: SslObjectType.Client)])).Step);

    [Fact]
    public void A_wildcard_service_host_is_covered_only_by_the_same_wildcard()
    {
        Assert.Equal("none", Single("*.shop.test", SniIndex.Build([Server(ExactId, ["api.shop.test", "shop.test"])])).Step);
        Assert.Equal("none", Single("*.eu.shop.test", SniIndex.Build([Server(WildId, ["*.shop.test"])])).Step);
        Assert.Equal("none", Single("*.shop.test", SniIndex.Build([Server(WildId, ["*.eu.shop.test"])])).Step);

        var covered = Single("*.shop.test", SniIndex.Build([Server(ExactId, ["api.shop.test"]), Server(WildId, ["*.shop.test"])]));
        Assert.Equal((WildId, "wildcard"), (covered.SslId, covered.Step));
        Assert.Empty(covered.Warnings);
    }

    [Fact]
    public void Peer_authentication_is_reported_and_warns_when_http_is_listed()
    {
        var index = SniIndex.Build([Server(ExactId, ["shop.test"], caPem: TestPki.CreateRoot("Client CA").CertPem)]);
        var both = Single("shop.test", index, "http", "https");
        Assert.True(both.PeerAuthentication);
        Assert.Contains(both.Warnings, w => w.Contains("peer authentication", StringComparison.Ordinal) && w.Contains("403", StringComparison.Ordinal));

        var httpsOnly = Single("shop.test", index, "https");
        Assert.True(httpsOnly.PeerAuthentication);
        Assert.Empty(httpsOnly.Warnings);
    }

    [Fact]
    public void An_object_without_a_ca_has_no_peer_authentication() =>
        Assert.False(Single("shop.test", SniIndex.Build([Server(ExactId, ["shop.test"])]), "http", "https").PeerAuthentication);

    [Theory]
    [InlineData(-90, -1, "expired")]
    [InlineData(1, 90, "not yet valid")]
    public void An_object_outside_its_validity_still_covers_with_a_warning(int fromDays, int toDays, string status)
    {
        var index = SniIndex.Build([Server(ExactId, ["shop.test"], from: TimeSpan.FromDays(fromDays), to: TimeSpan.FromDays(toDays))]);
        var coverage = Single("shop.test", index, "https");
        Assert.Equal(ExactId, coverage.SslId);
        Assert.Contains(coverage.Warnings, w => w.Contains(status, StringComparison.Ordinal));
    }

    [Fact]
    public void A_valid_object_wins_over_an_expired_one_and_no_warning_is_given()
    {
        var index = SniIndex.Build([
            Server(OtherId, ["shop.test"], revision: 9, from: TimeSpan.FromDays(-90), to: TimeSpan.FromDays(-1)),
            Server(ExactId, ["shop.test"]),
        ]);
        var coverage = Single("shop.test", index, "https");
        Assert.Equal(ExactId, coverage.SslId);
        Assert.Empty(coverage.Warnings);
    }

    [Fact]
    public void Every_host_is_reported_in_service_order()
    {
        var service = Service("01sssssssssssssssssssssss1", ["b.shop.test", "*.shop.test", "shop.test"], "https");
        var coverage = CoverageAnalyzer.For(service.Record, SniIndex.Build([Server(WildId, ["*.shop.test"])]), Now);
        Assert.Equal([("b.shop.test", "wildcard"), ("*.shop.test", "wildcard"), ("shop.test", "none")], coverage.Select(c => (c.Host, c.Step)));
    }
}
