using Gatehouse.Core.Ssl;
using Gatehouse.Gateway.Configuration;
using Gatehouse.Gateway.Routing;
using Gatehouse.Gateway.Tls;
using Gatehouse.Hosting.Errors;
using Gatehouse.Testing.Pki;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using static Gatehouse.Gateway.Tests.TestObjects;

namespace Gatehouse.Gateway.Tests.Routing;

/// <summary>DESIGN.md §3 "Binding requests to the handshake": 421 on HTTPS, 403 on plain HTTP.</summary>
public sealed class RequestBindingTests
{
    private static readonly TestCert ACert = ServerCert("a.test");
    private static readonly TestCert BCert = ServerCert("b.test");
    private static readonly TestCert MtlsCert = ServerCert("mtls.test");
    private static readonly TestCert FallbackCert = ServerCert("fallback.test");

    private static readonly SslObjectModel A = Server("a", ACert);
    private static readonly SslObjectModel B = Server("b", BCert);
    private static readonly SslObjectModel Mtls = Server("mtls", MtlsCert, ClientCa.CertPem);
    private static readonly SslObjectModel Fallback = Server("fallback", FallbackCert, fallback: true);

    [Theory]
    [InlineData("a.test")]
    [InlineData("A.Test")]
    [InlineData("a.test:8443")]
    [InlineData("a.test.")]
    public void Https_host_selecting_the_connections_object_is_bound(string host)
    {
        var snapshot = Snapshot(A, B);

        Assert.Null(Check(Https(host, Served(A)), snapshot));
    }

    [Theory]
    [InlineData("b.test")]
    [InlineData("unknown.test")]
    public void Https_host_selecting_another_object_or_none_is_misdirected(string host)
    {
        var snapshot = Snapshot(A, B);

        Assert.Same(DataPlaneErrors.Misdirected, Check(Https(host, Served(A)), snapshot));
    }

    [Fact]
    public void Same_object_that_gained_a_ca_set_is_misdirected()
    {
        var before = Server("a", ACert, revision: 1);
        var now = Server("a", ACert, ClientCa.CertPem, revision: 2);

        Assert.Same(DataPlaneErrors.Misdirected, Check(Https("a.test", Served(before)), Snapshot(now, B)));
    }

    [Fact]
    public void Same_object_with_a_changed_ca_set_is_misdirected()
    {
        var before = Server("mtls", MtlsCert, ClientCa.CertPem, revision: 1);
        var now = Server("mtls", MtlsCert, OtherCa.CertPem, revision: 2);

        Assert.Same(DataPlaneErrors.Misdirected, Check(Https("mtls.test", Served(before)), Snapshot(now)));
    }

    [Fact]
    public void Same_object_and_ca_set_at_a_later_revision_is_bound()
    {
        // A rotated leaf under the same CA set: the connection already passed the same client-certificate check.
        var before = Server("mtls", MtlsCert, ClientCa.CertPem, revision: 1);
        var now = Server("mtls", ServerCert("mtls.test"), ClientCa.CertPem, revision: 2);

        Assert.Null(Check(Https("mtls.test", Served(before)), Snapshot(now)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("192.0.2.1")]
    [InlineData("192.0.2.1:8443")]
    [InlineData("[2001:db8::1]")]
    [InlineData("[2001:db8::1]:8443")]
    public void Missing_or_ip_host_selects_like_no_sni(string? host)
    {
        // The fallback served the connection (no SNI): a Host that selects like no SNI stays on it...
        Assert.Null(Check(Https(host, Served(Fallback)), Snapshot(A, Fallback)));
        // ...and does not select the object a connection with SNI got.
        Assert.Same(DataPlaneErrors.Misdirected, Check(Https(host, Served(A)), Snapshot(A, Fallback)));
        // Without a fallback it selects nothing.
        Assert.Same(DataPlaneErrors.Misdirected, Check(Https(host, Served(A)), Snapshot(A)));
    }

    [Fact]
    public void Https_without_a_remembered_object_is_misdirected() =>
        Assert.Same(DataPlaneErrors.Misdirected, Check(Https("a.test", served: null), Snapshot(A)));

    [Theory]
    [InlineData("mtls.test")]
    [InlineData("MTLS.test:8080")]
    public void Plain_http_to_a_peer_authenticated_host_is_forbidden(string host) =>
        Assert.Same(DataPlaneErrors.PeerAuthenticationRequired, Check(Http(host), Snapshot(A, Mtls)));

    [Theory]
    [InlineData("a.test")]
    [InlineData("unknown.test")]
    [InlineData(null)]
    [InlineData("192.0.2.1")]
    public void Plain_http_to_a_host_without_peer_authentication_may_be_routed(string? host) =>
        Assert.Null(Check(Http(host), Snapshot(A, Mtls, Fallback)));

    [Theory]
    [InlineData(null)]
    [InlineData("192.0.2.1")]
    public void Plain_http_without_a_name_is_forbidden_when_the_fallback_is_peer_authenticated(string? host)
    {
        var fallback = Server("fallback", FallbackCert, ClientCa.CertPem, fallback: true);

        Assert.Same(DataPlaneErrors.PeerAuthenticationRequired, Check(Http(host), Snapshot(A, fallback)));
    }

    private static ApiError? Check(HttpContext context, GatewaySnapshot snapshot)
    {
        Assert.True(RequestBinding.TryHost(context, out var host));
        return RequestBinding.Check(context, snapshot, host, Now);
    }

    private static ServedSslObject Served(SslObjectModel model) => new(model, new System.Net.Security.SslServerAuthenticationOptions());

    private static DefaultHttpContext Https(string? host, ServedSslObject? served)
    {
        var context = Request("https", host);
        var connection = new ConnectionItems();
        if (served is not null) SelectedSslObject.Set(connection.Items, served, served.Model.Facts.Snis.FirstOrDefault() ?? "");
        context.Features.Set<IConnectionItemsFeature>(connection);
        return context;
    }

    private static DefaultHttpContext Http(string? host) => Request("http", host);

    private static DefaultHttpContext Request(string scheme, string? host)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = scheme;
        context.Request.Method = "GET";
        context.Request.Path = "/";
        if (host is not null) context.Request.Host = new HostString(host);
        return context;
    }

    /// <summary>The connection's items, as Kestrel keeps them for the handshake callback.</summary>
    private sealed class ConnectionItems : IConnectionItemsFeature
    {
        public IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?>();
    }
}
