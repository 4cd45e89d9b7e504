using Gatehouse.Core.Names;

namespace Gatehouse.Core.Tests.Names;

public sealed class HostNameTests
{
    [Theory]
    [InlineData("example.com", "example.com")]
    [InlineData("bücher.test", "xn--bcher-kva.test")]
    [InlineData("BÜCHER.test", "xn--bcher-kva.test")]
    [InlineData("xn--bcher-kva.test", "xn--bcher-kva.test")]
    [InlineData("XN--BCHER-KVA.TEST", "xn--bcher-kva.test")]
    [InlineData("WWW.Example.COM", "www.example.com")]
    [InlineData("example.com.", "example.com")]
    [InlineData("localhost", "localhost")]
    [InlineData("a-b.example.com", "a-b.example.com")]
    [InlineData("internal_name.corp", "internal_name.corp")]
    public void Normalize_maps_to_lower_case_a_labels(string input, string expected) =>
        Assert.Equal(expected, HostName.Normalize(input));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("example.com..")]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("2001:db8::1")]
    [InlineData("exa mple.com")]
    [InlineData("exa!mple.com")]
    [InlineData("a..example.com")]
    [InlineData(".example.com")]
    [InlineData("-a.example.com")]
    [InlineData("a-.example.com")]
    [InlineData("*.example.com")]
    [InlineData("example.com:443")]
    public void Normalize_refuses_what_is_not_a_host_name(string? input) =>
        Assert.Null(HostName.Normalize(input));

    [Fact]
    public void Normalize_enforces_label_and_name_lengths()
    {
        var label63 = new string('a', 63);
        Assert.Equal(label63 + ".test", HostName.Normalize(label63 + ".test"));
        Assert.Null(HostName.Normalize(new string('a', 64) + ".test"));
        Assert.Null(HostName.Normalize(string.Join('.', Enumerable.Repeat(label63, 4))));
    }

    [Theory]
    [InlineData("*.example.com", "*.example.com")]
    [InlineData("*.EXAMPLE.com.", "*.example.com")]
    [InlineData("*.bücher.test", "*.xn--bcher-kva.test")]
    [InlineData("www.example.com", "www.example.com")]
    public void NormalizePattern_accepts_names_and_left_most_wildcards(string input, string expected) =>
        Assert.Equal(expected, HostName.NormalizePattern(input));

    [Theory]
    [InlineData(null)]
    [InlineData("*.com")]
    [InlineData("*")]
    [InlineData("*.")]
    [InlineData("a.*.com")]
    [InlineData("*a.example.com")]
    [InlineData("a*.example.com")]
    [InlineData("*.*.example.com")]
    [InlineData("**.example.com")]
    public void NormalizePattern_refuses_other_wildcards(string? input) =>
        Assert.Null(HostName.NormalizePattern(input));

    [Theory]
    [InlineData("example.com", "example.com")]
    [InlineData("Example.COM:8443", "example.com")]
    [InlineData("bücher.test:443", "xn--bcher-kva.test")]
    [InlineData("example.com.:443", "example.com")]
    public void NormalizeHostHeader_drops_the_port(string input, string expected) =>
        Assert.Equal(expected, HostName.NormalizeHostHeader(input));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("[::1]")]
    [InlineData("[::1]:443")]
    [InlineData("[2001:db8::1]:8443")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:9443")]
    public void NormalizeHostHeader_returns_null_for_missing_hosts_and_ip_literals(string? input)
    {
        Assert.Null(HostName.NormalizeHostHeader(input));
        Assert.True(HostName.TryNormalizeHostHeader(input, out var name));
        Assert.Null(name);
    }

    [Theory]
    [InlineData("xn--a.test")]
    [InlineData("xn--.test")]
    [InlineData("a.xn--")]
    [InlineData("xn--a.test:443")]
    [InlineData("a..test")]
    [InlineData(":443")]
    public void A_host_header_that_names_nothing_is_refused(string input)
    {
        Assert.False(HostName.TryNormalizeHostHeader(input, out var name));
        Assert.Null(name);
        Assert.Null(HostName.Normalize(input.Split(':')[0]));
    }

    [Theory]
    [InlineData("a.example.com", "example.com", true)]
    [InlineData("xn--bcher-kva.example.com", "example.com", true)]
    [InlineData("example.com", "example.com", false)]
    [InlineData("a.b.example.com", "example.com", false)]
    [InlineData("aexample.com", "example.com", false)]
    [InlineData(".example.com", "example.com", false)]
    [InlineData("a.example.org", "example.com", false)]
    public void IsOneLabelBelow_matches_exactly_one_label(string host, string parent, bool expected) =>
        Assert.Equal(expected, HostName.IsOneLabelBelow(host, parent));
}
