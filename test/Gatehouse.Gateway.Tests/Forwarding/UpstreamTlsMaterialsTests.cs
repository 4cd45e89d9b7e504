using System.Net.Security;
using Gatehouse.Gateway.Forwarding;
using Gatehouse.Gateway.Tls;
using Gatehouse.Testing.Pki;
using static Gatehouse.Gateway.Tests.TestObjects;

namespace Gatehouse.Gateway.Tests.Forwarding;

/// <summary>What an https upstream presents and trusts (DESIGN.md §4), and the pool key derived from it.</summary>
public sealed class UpstreamTlsMaterialsTests
{
    private static readonly TestCert ClientLeaf = ClientCert();
    private static readonly TestCert UpstreamCa = TestPki.CreateRoot("Upstream CA");

    [Fact]
    public void Plain_http_has_no_tls()
    {
        var upstream = Upstream("http");

        Assert.Null(UpstreamTlsMaterials.For(upstream, null));
        Assert.Null(UpstreamProfile.Of(upstream, null).Tls);
    }

    [Fact]
    public void Without_a_ca_the_system_store_is_trusted()
    {
        var materials = UpstreamTlsMaterials.For(Upstream("https"), null)!;

        Assert.Null(materials.TrustedCas);
        Assert.Null(materials.Client);
        Assert.Equal("system", materials.TrustId);
    }

    [Fact]
    public void Upstream_ca_certificate_is_trusted()
    {
        var materials = UpstreamTlsMaterials.For(Upstream("https", caPem: UpstreamCa.CertPem), null)!;

        var trusted = Assert.Single(materials.TrustedCas!);
        Assert.Equal(UpstreamCa.Certificate.Thumbprint, trusted.Thumbprint);
    }

    [Fact]
    public void Client_objects_ca_set_comes_before_the_upstream_ca()
    {
        var client = Identity(ClientLeaf, OtherCa.CertPem);

        var materials = UpstreamTlsMaterials.For(Upstream("https", clientSslId: "client", caPem: UpstreamCa.CertPem), client)!;

        Assert.Same(client, materials.Client);
        Assert.Equal(OtherCa.Certificate.Thumbprint, Assert.Single(materials.TrustedCas!).Thumbprint);
        Assert.Equal(client.Model.Facts.CaSetId, materials.TrustId);
    }

    [Fact]
    public void Client_object_without_a_ca_is_presented_and_the_upstream_ca_trusted()
    {
        var client = Identity(ClientLeaf);

        var materials = UpstreamTlsMaterials.For(Upstream("https", clientSslId: "client", caPem: UpstreamCa.CertPem), client)!;

        Assert.Same(client, materials.Client);
        Assert.Equal(UpstreamCa.Certificate.Thumbprint, Assert.Single(materials.TrustedCas!).Thumbprint);
    }

    [Fact]
    public void Equal_inputs_give_equal_profiles()
    {
        var upstream = Upstream("https", clientSslId: "client", caPem: UpstreamCa.CertPem, sni: "api.internal.test");
        // Built twice, from separately loaded models of the same revision: the pool is found again.
        var first = Profile(upstream, Identity(ClientLeaf, revision: 7));
        var second = Profile(upstream with { Targets = [new("other.test", 9443, 2)] }, Identity(ClientLeaf, revision: 7));

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.Equal(Profile(Upstream("https"), null), Profile(Upstream("https"), null));
    }

    [Fact]
    public void Rotated_client_object_revision_gives_a_different_profile()
    {
        var upstream = Upstream("https", clientSslId: "client");

        Assert.NotEqual(Profile(upstream, Identity(ClientLeaf, revision: 7)),
            Profile(upstream, Identity(ClientCert(), revision: 8)));
    }

    [Fact]
    public void Different_ca_set_gives_a_different_profile()
    {
        Assert.NotEqual(Profile(Upstream("https", caPem: UpstreamCa.CertPem), null), Profile(Upstream("https", caPem: OtherCa.CertPem), null));
        Assert.NotEqual(Profile(Upstream("https", caPem: UpstreamCa.CertPem), null), Profile(Upstream("https"), null));
        var upstream = Upstream("https", clientSslId: "client");
        Assert.NotEqual(Profile(upstream, Identity(ClientLeaf, ClientCa.CertPem, revision: 7)),
            Profile(upstream, Identity(ClientLeaf, OtherCa.CertPem, revision: 7)));
    }

    [Fact]
    public void Sni_verify_and_connect_timeout_are_part_of_the_profile()
    {
        var baseline = Profile(Upstream("https"), null);

        Assert.NotEqual(baseline, Profile(Upstream("https", sni: "api.internal.test"), null));
        Assert.NotEqual(baseline, Profile(Upstream("https", verify: false), null));
        Assert.NotEqual(baseline, Profile(Upstream("https", connectMs: 100), null));
        Assert.NotEqual(baseline, Profile(Upstream("https", clientSslId: "client"), Identity(ClientLeaf)));
    }

    private static UpstreamProfile Profile(Core.Services.UpstreamRecord upstream, ClientTlsIdentity? client) =>
        UpstreamProfile.Of(upstream, UpstreamTlsMaterials.For(upstream, client));

    /// <summary>The client object "client" ready to present, as the snapshot builds it.</summary>
    private static ClientTlsIdentity Identity(TestCert cert, string? caPem = null, long revision = 1) =>
        new(Client("client", cert, caPem, revision), _ => SslStreamCertificateContext.Create(cert.WithKey(), null, offline: true));
}
