using Gatehouse.Core.Coverage;
using Gatehouse.Core.Sni;
using Gatehouse.Core.Ssl;
using Gatehouse.Testing.Pki;
using static Gatehouse.Core.Tests.Coverage.CoverageObjects;

namespace Gatehouse.Core.Tests.Coverage;

/// <summary>The <c>impact</c> of SSL object changes (DESIGN.md §5) and what the guards read from it.</summary>
public sealed class ImpactAnalyzerTests
{
    private const string SslId = "01aaaaaaaaaaaaaaaaaaaaaaa1";
    private const string ServiceA = "01sssssssssssssssssssssss1";
    private const string ServiceB = "01sssssssssssssssssssssss2";
    private static readonly string CaOne = TestPki.CreateRoot("Client CA one").CertPem;
    private static readonly string CaTwo = TestPki.CreateRoot("Client CA two").CertPem;

    private static ConfigImpact Compare(IEnumerable<SslObjectModel> before, IEnumerable<SslObjectModel> after,
        params Gatehouse.Core.Services.ServiceModel[] services) =>
        ImpactAnalyzer.Compare(services, SniIndex.Build(before), SniIndex.Build(after), Now);

    [Fact]
    public void A_new_object_makes_https_hosts_gain_coverage()
    {
        var impact = Compare([], [Server(SslId, ["shop.test", "*.api.test"])],
            Service(ServiceB, ["x.api.test", "other.test"], "https"), Service(ServiceA, ["shop.test"], "http", "https"));
        Assert.Equal([new HostRef(ServiceA, "shop.test"), new HostRef(ServiceB, "x.api.test")], impact.HostsGaining);
        Assert.Empty(impact.HostsLosing);
        Assert.Empty(impact.PeerAuthChanges);
    }

    [Fact]
    public void Removing_the_only_object_makes_https_hosts_lose_coverage()
    {
        var impact = Compare([Server(SslId, ["shop.test"])], [], Service(ServiceA, ["shop.test"], "https"));
        Assert.Equal([new HostRef(ServiceA, "shop.test")], impact.HostsLosing);
        Assert.Equal(impact.HostsLosing, impact.Uncovered);
        Assert.Empty(impact.HostsGaining);
    }

    [Fact]
    public void Http_only_services_neither_gain_nor_lose()
    {
        var service = Service(ServiceA, ["shop.test"], "http");
        Assert.Empty(Compare([], [Server(SslId, ["shop.test"])], service).HostsGaining);
        Assert.Empty(Compare([Server(SslId, ["shop.test"])], [], service).HostsLosing);
    }

    [Fact]
    public void A_host_still_covered_by_another_object_loses_nothing()
    {
        var wildcard = Server("01aaaaaaaaaaaaaaaaaaaaaaa2", ["*.zone.test"]);
        var impact = Compare([Server(SslId, ["shop.zone.test"]), wildcard], [wildcard], Service(ServiceA, ["shop.zone.test"], "https"));
        Assert.Empty(impact.HostsLosing);
        Assert.Empty(impact.HostsGaining);
    }

    [Fact]
    public void A_san_dropped_from_a_replaced_object_loses_only_that_host()
    {
        var impact = Compare([Server(SslId, ["shop.test", "api.test"])], [Server(SslId, ["shop.test"], revision: 2)],
            Service(ServiceA, ["shop.test", "api.test"], "https"));
        Assert.Equal([new HostRef(ServiceA, "api.test")], impact.HostsLosing);
    }

    [Fact]
    public void Turning_peer_authentication_on_is_a_change_but_no_downgrade()
    {
        var impact = Compare([Server(SslId, ["shop.test"])], [Server(SslId, ["shop.test"], CaOne, revision: 2)],
            Service(ServiceA, ["shop.test"], "https"));
        Assert.Equal([new PeerAuthChange(ServiceA, "shop.test", false, true, false)], impact.PeerAuthChanges);
        Assert.Empty(impact.Downgrades);
        Assert.Empty(impact.HostsGaining);
        Assert.Empty(impact.HostsLosing);
    }

    [Fact]
    public void Turning_peer_authentication_off_is_a_downgrade()
    {
        var impact = Compare([Server(SslId, ["shop.test"], CaOne)], [Server(SslId, ["shop.test"], revision: 2)],
            Service(ServiceA, ["shop.test"], "https"));
        var change = new PeerAuthChange(ServiceA, "shop.test", true, false, false);
        Assert.Equal([change], impact.PeerAuthChanges);
        Assert.Equal([change], impact.Downgrades);
    }

    [Fact]
    public void Losing_the_certificate_of_a_peer_authenticated_host_is_also_a_downgrade()
    {
        var impact = Compare([Server(SslId, ["shop.test"], CaOne)], [], Service(ServiceA, ["shop.test"], "https"));
        Assert.Equal([new HostRef(ServiceA, "shop.test")], impact.HostsLosing);
        Assert.Equal([new PeerAuthChange(ServiceA, "shop.test", true, false, false)], impact.Downgrades);
    }

    [Fact]
    public void A_newer_object_without_a_ca_winning_the_selection_is_a_downgrade()
    {
        var old = Server(SslId, ["shop.test"], CaOne);
        var newer = Server("01aaaaaaaaaaaaaaaaaaaaaaa2", ["shop.test"], to: TimeSpan.FromDays(365));
        var impact = Compare([old], [old, newer], Service(ServiceA, ["shop.test"], "https"));
        Assert.Equal([new PeerAuthChange(ServiceA, "shop.test", true, false, false)], impact.Downgrades);
        Assert.Empty(impact.HostsGaining);
    }

    [Fact]
    public void Another_ca_set_is_a_downgrade_even_with_peer_authentication_kept()
    {
        var impact = Compare([Server(SslId, ["shop.test"], CaOne)], [Server(SslId, ["shop.test"], CaTwo, revision: 2)],
            Service(ServiceA, ["shop.test"], "https"));
        var change = new PeerAuthChange(ServiceA, "shop.test", true, true, true);
        Assert.Equal([change], impact.PeerAuthChanges);
        Assert.Equal([change], impact.Downgrades);
    }

    [Fact]
    public void Adding_a_ca_to_the_set_changes_it_and_reordering_does_not()
    {
        var service = Service(ServiceA, ["shop.test"], "https");
        var grown = Compare([Server(SslId, ["shop.test"], CaOne)], [Server(SslId, ["shop.test"], CaOne + CaTwo, revision: 2)], service);
        Assert.Equal([new PeerAuthChange(ServiceA, "shop.test", true, true, true)], grown.Downgrades);

        var reordered = Compare([Server(SslId, ["shop.test"], CaOne + CaTwo)], [Server(SslId, ["shop.test"], CaTwo + CaOne, revision: 2)], service);
        Assert.Empty(reordered.PeerAuthChanges);
    }

    [Fact]
    public void The_same_ca_set_on_a_renewed_certificate_changes_nothing()
    {
        var impact = Compare([Server(SslId, ["shop.test"], CaOne)], [Server(SslId, ["shop.test"], CaOne, revision: 2)],
            Service(ServiceA, ["shop.test"], "http", "https"));
        Assert.Empty(impact.PeerAuthChanges);
        Assert.Empty(impact.HostsGaining);
        Assert.Empty(impact.HostsLosing);
    }

    [Fact]
    public void An_object_without_the_ca_that_wins_only_later_is_a_downgrade_effective_at_its_not_before()
    {
        var mtls = Server(SslId, ["shop.test"], CaOne, to: TimeSpan.FromDays(30));
        var later = Server("01aaaaaaaaaaaaaaaaaaaaaaa2", ["shop.test"], from: TimeSpan.FromDays(1), to: TimeSpan.FromDays(60));
        var impact = Compare([mtls], [mtls, later], Service(ServiceA, ["shop.test"], "https"));
        Assert.Equal([new PeerAuthChange(ServiceA, "shop.test", true, false, false, Now + TimeSpan.FromDays(1))], impact.Downgrades);
    }

    [Fact]
    public void A_downgrade_when_the_ca_object_expires_first_is_effective_one_second_after_its_not_after()
    {
        var mtls = Server(SslId, ["shop.test"], CaOne, to: TimeSpan.FromDays(10));
        var plain = Server("01aaaaaaaaaaaaaaaaaaaaaaa2", ["shop.test"], to: TimeSpan.FromDays(5));
        var longer = Server("01aaaaaaaaaaaaaaaaaaaaaaa3", ["shop.test"], to: TimeSpan.FromDays(60), from: TimeSpan.FromDays(20));
        // Today the CA object wins (latest not_after among valid ones). Once it has expired, no candidate is valid and
        // the latest not_after wins: the new object without a CA, although it is valid only from day 20.
        var impact = Compare([mtls, plain], [mtls, plain, longer], Service(ServiceA, ["shop.test"], "https"));
        var change = Assert.Single(impact.Downgrades);
        Assert.Equal(Now + TimeSpan.FromDays(10) + TimeSpan.FromSeconds(1), change.EffectiveAt);
    }

    [Fact]
    public void A_later_object_that_never_wins_changes_nothing()
    {
        var mtls = Server(SslId, ["shop.test"], CaOne, to: TimeSpan.FromDays(90));
        var shorter = Server("01aaaaaaaaaaaaaaaaaaaaaaa2", ["shop.test"], from: TimeSpan.FromDays(1), to: TimeSpan.FromDays(60));
        Assert.Empty(Compare([mtls], [mtls, shorter], Service(ServiceA, ["shop.test"], "https")).PeerAuthChanges);
    }
}
