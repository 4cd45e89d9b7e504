using Gatehouse.Testing.Pki;
using static Gatehouse.Core.Tests.Ssl.SslInputs;

namespace Gatehouse.Core.Tests.Ssl;

/// <summary>Type vs Extended Key Usage (DESIGN.md §2).</summary>
public sealed class SslObjectValidatorUsageTests
{
    private readonly TestCert _root = TestPki.CreateRoot();

    private TestCert Leaf(params string[]? usages) =>
        _root.Issue(new CertSpec { CommonName = "eku.test", DnsNames = ["eku.test"], ExtendedKeyUsages = usages });

    [Fact]
    public void A_server_object_whose_eku_allows_only_client_auth_is_type_mismatch()
    {
        var error = Error(Server(Leaf(Oids.ClientAuth)));

        Assert.Equal(("type", "type_mismatch"), (error.Field, error.Code));
    }

    [Fact]
    public void A_client_object_whose_eku_allows_only_server_auth_is_type_mismatch()
    {
        var error = Error(Client(Leaf(Oids.ServerAuth)));

        Assert.Equal(("type", "type_mismatch"), (error.Field, error.Code));
    }

    [Fact]
    public void An_eku_with_neither_purpose_is_type_mismatch_for_both_types()
    {
        var leaf = Leaf(Oids.CodeSigning);

        Assert.Equal("type_mismatch", Error(Server(leaf)).Code);
        Assert.Equal("type_mismatch", Error(Client(leaf)).Code);
    }

    [Fact]
    public void Matching_usages_pass()
    {
        Valid(Server(Leaf(Oids.ServerAuth)));
        Valid(Client(Leaf(Oids.ClientAuth)));
        var both = Leaf(Oids.ServerAuth, Oids.ClientAuth);
        Valid(Server(both));
        Valid(Client(both));
    }

    [Fact]
    public void Any_extended_key_usage_satisfies_both_types()
    {
        var leaf = Leaf(Oids.AnyExtendedKeyUsage);

        Valid(Server(leaf));
        Valid(Client(leaf));
    }

    [Fact]
    public void No_eku_extension_passes_for_both_types()
    {
        var leaf = Leaf(null);
        Assert.DoesNotContain(leaf.Certificate.Extensions, e => e.Oid?.Value == "2.5.29.37");

        Valid(Server(leaf));
        Valid(Client(leaf));
    }
}
