using System.Net;
using Gatehouse.Core.Services;
using Gatehouse.Core.Validation;
using static Gatehouse.Core.Tests.Services.ServiceDrafts;

namespace Gatehouse.Core.Tests.Services;

/// <summary>Every rule of DESIGN.md §4 that <see cref="ServiceValidator"/> enforces on one service.</summary>
public sealed class ServiceValidatorTests
{
    private static readonly IPEndPoint LoopbackAdmin = new(IPAddress.Loopback, 9180);
    private static readonly IPEndPoint AnyAdmin = new(IPAddress.Any, 9180);

    private static ServiceRecord Valid(ServiceRecord draft, IPEndPoint? admin = null)
    {
        var errors = new List<ValidationError>();
        var record = ServiceValidator.Validate(draft, admin ?? LoopbackAdmin, errors);
        Assert.Empty(errors);
        return record;
    }

    private static IReadOnlyList<ValidationError> Refused(ServiceRecord draft, IPEndPoint? admin = null)
    {
        var e = Assert.Throws<ValidationErrors>(() => ServiceValidator.Validate(draft, admin ?? LoopbackAdmin, []));
        return e.Errors;
    }

    private static void RefusedWith(ServiceRecord draft, string field, string code, IPEndPoint? admin = null)
    {
        var errors = Refused(draft, admin);
        Assert.Contains(errors, e => e.Field == field && e.Code == code);
    }

    [Fact]
    public void A_valid_service_comes_back_normalised()
    {
        var record = Valid(Draft(hosts: ["Shop.Example.COM.", "*.Apps.Example.com", "bücher.test"], pathPrefix: "/api/",
            upstream: Upstream(new TargetRecord("Backend.Internal.", 8080, 0), new TargetRecord("[2001:db8::1]", 443, 1000))));
        Assert.Equal(["shop.example.com", "*.apps.example.com", "xn--bcher-kva.test"], record.Hosts);
        Assert.Equal("/api", record.PathPrefix);
        Assert.Equal("backend.internal", record.Upstream.Targets[0].Host);
        Assert.Equal("2001:db8::1", record.Upstream.Targets[1].Host);
    }

    [Theory]
    [InlineData("bad host.test")]
    [InlineData("-leading.test")]
    [InlineData("under.*.test")]
    [InlineData("*.com")]
    [InlineData("*")]
    [InlineData("")]
    [InlineData("a..test")]
    [InlineData("exact.test..")]
    public void A_malformed_host_is_invalid_host(string host) =>
        RefusedWith(Draft(hosts: ["ok.test", host]), "hosts[1]", "invalid_host");

    [Theory]
    [InlineData("192.0.2.10")]
    [InlineData("2001:db8::1")]
    [InlineData("[2001:db8::1]")]
    public void An_ip_address_is_not_a_host(string host) =>
        RefusedWith(Draft(hosts: [host]), "hosts[0]", "invalid_host");

    [Fact]
    public void No_hosts_is_invalid_host() => RefusedWith(Draft(hosts: []), "hosts", "invalid_host");

    [Theory]
    [InlineData("Shop.Test", "shop.test.")]
    [InlineData("bücher.test", "xn--bcher-kva.test")]
    [InlineData("*.Apps.Test", "*.apps.test.")]
    public void A_host_repeated_after_normalisation_is_invalid_host(string first, string second)
    {
        var errors = Refused(Draft(hosts: [first, second]));
        var error = Assert.Single(errors);
        Assert.Equal(("hosts[1]", "invalid_host"), (error.Field, error.Code));
    }

    [Theory]
    [InlineData("api")]
    [InlineData("")]
    [InlineData("/api?x=1")]
    [InlineData("/api#top")]
    [InlineData("/a b")]
    public void A_path_prefix_must_start_with_a_slash_and_be_a_plain_path(string prefix) =>
        RefusedWith(Draft(pathPrefix: prefix), "path_prefix", "invalid_parameter");

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/api/", "/api")]
    [InlineData("/api", "/api")]
    [InlineData("/api/v1//", "/api/v1")]
    [InlineData("//", "/")]
    public void A_trailing_slash_is_dropped_from_the_path_prefix(string prefix, string stored) =>
        Assert.Equal(stored, Valid(Draft(pathPrefix: prefix)).PathPrefix);

    [Theory]
    [InlineData("")]
    [InlineData("ftp")]
    [InlineData("HTTP")]
    [InlineData("http,http")]
    [InlineData("https,grpc")]
    public void Protocols_list_http_and_or_https_once_each(string protocols) =>
        RefusedWith(Draft(protocols: List(protocols)), "protocols", "invalid_parameter");

    [Theory]
    [InlineData("http")]
    [InlineData("https")]
    [InlineData("https,http")]
    public void Valid_protocols_are_kept(string protocols) =>
        Assert.Equal(List(protocols), Valid(Draft(protocols: List(protocols))).Protocols);

    private static string[] List(string commaSeparated) => commaSeparated.Split(',', StringSplitOptions.RemoveEmptyEntries);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65536)]
    [InlineData(int.MaxValue)]
    public void A_port_outside_1_to_65535_is_invalid_target(int port) =>
        RefusedWith(WithTarget("backend.test", port), "upstream.targets[0].port", "invalid_target");

    [Theory]
    [InlineData(1)]
    [InlineData(65535)]
    public void The_port_bounds_are_accepted(int port) => Valid(WithTarget("backend.test", port));

    [Theory]
    [InlineData(-1)]
    [InlineData(1001)]
    public void A_negative_or_huge_weight_is_invalid_target(int weight) =>
        RefusedWith(WithTarget("backend.test", weight: weight), "upstream.targets[0].weight", "invalid_target");

    [Fact]
    public void Weight_zero_drains_and_is_accepted() => Assert.Equal(0, Valid(WithTarget("backend.test", weight: 0)).Upstream.Targets[0].Weight);

    [Fact]
    public void An_upstream_without_targets_is_refused() =>
        RefusedWith(Draft(upstream: Upstream() with { Targets = [] }), "upstream.targets", "missing_field");

    [Theory]
    [InlineData("bad host")]
    [InlineData("")]
    [InlineData("*.backend.test")]
    public void A_malformed_target_host_is_invalid_target(string host) =>
        RefusedWith(WithTarget(host), "upstream.targets[0].host", "invalid_target");

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("169.254.0.1")]
    [InlineData("fe80::1")]
    [InlineData("[fe80::a9fe:a9fe]")]
    [InlineData("::ffff:169.254.169.254")]
    public void A_link_local_target_is_invalid_target(string host) =>
        RefusedWith(WithTarget(host, 80), "upstream.targets[0].host", "invalid_target");

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.2")]
    [InlineData("localhost")]
    [InlineData("LOCALHOST.")]
    [InlineData("admin.localhost")]
    [InlineData("::1")]
    [InlineData("[::1]")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    public void A_target_at_a_loopback_admin_listener_is_invalid_target(string host) =>
        RefusedWith(WithTarget(host, LoopbackAdmin.Port), "upstream.targets[0]", "invalid_target");

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("::1")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    public void A_target_at_a_wildcard_admin_listener_is_invalid_target(string host) =>
        RefusedWith(WithTarget(host, AnyAdmin.Port), "upstream.targets[0]", "invalid_target", AnyAdmin);

    [Fact]
    public void Another_machine_on_the_port_of_a_wildcard_admin_listener_is_an_ordinary_upstream() =>
        Valid(WithTarget("10.1.2.3", AnyAdmin.Port), AnyAdmin);

    [Theory]
    [InlineData("127.0.0.1", 9181)]
    [InlineData("localhost", 9181)]
    [InlineData("10.1.2.3", 9180)]
    [InlineData("backend.test", 9180)]
    public void Loopback_on_another_port_and_other_hosts_on_the_admin_port_are_fine(string host, int port) =>
        Valid(WithTarget(host, port), LoopbackAdmin);

    [Fact]
    public void Without_an_admin_endpoint_loopback_targets_are_fine() =>
        Assert.Empty(Validate(WithTarget("127.0.0.1", 9180), null));

    [Fact]
    public void Pass_host_rewrite_needs_upstream_host()
    {
        RefusedWith(Draft(upstream: Upstream() with { PassHost = "rewrite" }), "upstream.host", "missing_field");
        var record = Valid(Draft(upstream: Upstream() with { PassHost = "rewrite", Host = "Internal.Shop.Test." }));
        Assert.Equal("internal.shop.test", record.Upstream.Host);
    }

    [Fact]
    public void Pass_host_is_pass_or_rewrite() =>
        RefusedWith(Draft(upstream: Upstream() with { PassHost = "keep" }), "upstream.pass_host", "invalid_parameter");

    [Fact]
    public void The_scheme_is_http_or_https() =>
        RefusedWith(Draft(upstream: Upstream() with { Scheme = "ftp" }), "upstream.scheme", "invalid_parameter");

    [Theory]
    [InlineData("client_ssl_id")]
    [InlineData("sni")]
    [InlineData("ca_certificate")]
    public void Https_only_fields_on_an_http_upstream_are_refused(string field)
    {
        var ca = Testing.Pki.TestPki.CreateRoot("Upstream CA").CertPem;
        var upstream = field switch
        {
            "client_ssl_id" => Upstream() with { ClientSslId = "01aaaaaaaaaaaaaaaaaaaaaaaa" },
            "sni" => Upstream() with { Sni = "backend.test" },
            _ => Upstream() with { CaCertificate = ca },
        };
        var error = Assert.Single(Refused(Draft(upstream: upstream)));
        Assert.Equal(("upstream.scheme", "invalid_parameter"), (error.Field, error.Code));
        Valid(Draft(upstream: upstream with { Scheme = "https" }));
    }

    [Fact]
    public void A_malformed_client_ssl_id_is_invalid_reference() =>
        RefusedWith(Draft(upstream: Upstream() with { Scheme = "https", ClientSslId = "not-an-id" }), "upstream.client_ssl_id", "invalid_reference");

    [Fact]
    public void An_upstream_ca_certificate_must_be_a_ca() =>
        RefusedWith(Draft(upstream: Upstream() with { Scheme = "https", CaCertificate = Testing.Pki.TestPki.SelfSigned("leaf.test").CertPem }),
            "upstream.ca_certificate", "invalid_ca_certificate");

    [Theory]
    [InlineData(0, 60000, "upstream.timeouts.connect_ms")]
    [InlineData(600_001, 60000, "upstream.timeouts.connect_ms")]
    [InlineData(5000, 0, "upstream.timeouts.read_ms")]
    [InlineData(5000, 3_600_001, "upstream.timeouts.read_ms")]
    public void Timeouts_outside_their_bounds_are_refused(int connectMs, int readMs, string field) =>
        RefusedWith(Draft(upstream: Upstream() with { Timeouts = new TimeoutsRecord(connectMs, readMs) }), field, "invalid_parameter");

    [Theory]
    [InlineData(1, 1)]
    [InlineData(600_000, 3_600_000)]
    public void Timeouts_at_their_bounds_are_accepted(int connectMs, int readMs) =>
        Valid(Draft(upstream: Upstream() with { Timeouts = new TimeoutsRecord(connectMs, readMs) }));

    [Fact]
    public void Every_error_is_reported_together_after_the_shape_errors()
    {
        var draft = Draft(hosts: ["bad host", "192.0.2.1", "dup.test", "DUP.test"], pathPrefix: "api", protocols: ["ftp"],
            upstream: new UpstreamRecord("http", [new TargetRecord("169.254.169.254", 0, -1), new TargetRecord("127.0.0.1", 9180, 1)],
                "rewrite", null, null, null, "sni.test", true, new TimeoutsRecord(0, 0))) with { Name = "" };
        var shape = new ValidationError("upstream.extra", "unknown_field", "Unknown field upstream.extra.");
        var e = Assert.Throws<ValidationErrors>(() => ServiceValidator.Validate(draft, LoopbackAdmin, [shape]));
        Assert.Equal(shape, e.Errors[0]);
        Assert.Equal(
        [
            ("upstream.extra", "unknown_field"),
            ("name", "invalid_parameter"),
            ("hosts[0]", "invalid_host"),
            ("hosts[1]", "invalid_host"),
            ("hosts[3]", "invalid_host"),
            ("path_prefix", "invalid_parameter"),
            ("protocols", "invalid_parameter"),
            ("upstream.targets[0].host", "invalid_target"),
            ("upstream.targets[0].port", "invalid_target"),
            ("upstream.targets[0].weight", "invalid_target"),
            ("upstream.targets[1]", "invalid_target"),
            ("upstream.host", "missing_field"),
            ("upstream.scheme", "invalid_parameter"),
            ("upstream.timeouts.connect_ms", "invalid_parameter"),
            ("upstream.timeouts.read_ms", "invalid_parameter"),
        ], e.Errors.Select(x => (x.Field, x.Code)));
    }

    [Fact]
    public void No_message_repeats_a_request_value()
    {
        const string Secret = "pasted-secret-value";
        var draft = Draft(hosts: [Secret + " x"], pathPrefix: Secret, upstream: Upstream(new TargetRecord(Secret + " y", 80, 1)));
        var errors = Refused(draft);
        Assert.All(errors, e => Assert.DoesNotContain(Secret, e.Message, StringComparison.Ordinal));
    }

    private static List<ValidationError> Validate(ServiceRecord draft, IPEndPoint? admin)
    {
        var errors = new List<ValidationError>();
        ServiceValidator.Validate(draft, admin, errors);
        return errors;
    }
}
