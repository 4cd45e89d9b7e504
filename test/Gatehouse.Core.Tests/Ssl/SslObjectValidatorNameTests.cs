using Gatehouse.Core.Ssl;
using Gatehouse.Testing.Pki;
using static Gatehouse.Core.Tests.Ssl.SslInputs;

namespace Gatehouse.Core.Tests.Ssl;

/// <summary>The <c>snis</c> derived from the leaf, and the fallback rules.</summary>
public sealed class SslObjectValidatorNameTests
{
    private readonly TestCert _root = TestPki.CreateRoot();

    [Fact]
    public void Dns_sans_are_normalised_deduplicated_and_sorted()
    {
        var leaf = _root.Issue(new CertSpec { CommonName = "ignored.test", DnsNames = ["WWW.Example.test", "*.Example.test", "www.example.test", "xn--bcher-kva.test"] });

        var valid = Valid(Server(leaf));

        Assert.Equal(["*.example.test", "www.example.test", "xn--bcher-kva.test"], valid.Facts.Snis);
        Assert.Empty(valid.Facts.Warnings);
    }

    [Fact]
    public void Ip_and_uri_sans_are_ignored_with_a_warning()
    {
        var leaf = _root.Issue(new CertSpec
        {
            CommonName = "mixed.test", DnsNames = ["mixed.test"], IpAddresses = ["192.0.2.1", "2001:db8::1"], Uris = ["https://mixed.test/id"],
        });

        var valid = Valid(Server(leaf));

        Assert.Equal(["mixed.test"], valid.Facts.Snis);
        var warning = Assert.Single(valid.Facts.Warnings);
        Assert.Contains("3 subjectAltName entries", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_dns_sans_are_ignored_with_a_warning()
    {
        var leaf = _root.Issue(new CertSpec { CommonName = "x.test", DnsNames = ["ok.test", "*.com", "a.*.test"] });

        var valid = Valid(Server(leaf));

        Assert.Equal(["ok.test"], valid.Facts.Snis);
        Assert.Contains(valid.Facts.Warnings, w => w.Contains("not a valid host name", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_san_extension_the_cn_is_used_with_a_warning()
    {
        var leaf = _root.Issue(new CertSpec { CommonName = "Legacy.Test", DnsNames = null });

        var valid = Valid(Server(leaf));

        Assert.Equal(["legacy.test"], valid.Facts.Snis);
        Assert.Contains(valid.Facts.Warnings, w => w.Contains("CN", StringComparison.Ordinal));
    }

    [Fact]
    public void A_san_extension_without_dns_names_does_not_fall_back_to_the_cn()
    {
        var leaf = _root.Issue(new CertSpec { CommonName = "cn.test", DnsNames = [], IpAddresses = ["192.0.2.1"] });

        var error = Error(Server(leaf));

        Assert.Equal(("certificate", "invalid_certificate"), (error.Field, error.Code));
    }

    [Fact]
    public void A_server_object_with_no_usable_name_is_refused()
    {
        var leaf = _root.Issue(new CertSpec { CommonName = "Not a host name", DnsNames = null });

        var error = Error(Server(leaf));

        Assert.Equal(("certificate", "invalid_certificate"), (error.Field, error.Code));
    }

    [Fact]
    public void A_server_object_with_no_usable_name_is_accepted_as_the_fallback()
    {
        var leaf = _root.Issue(new CertSpec { CommonName = "Not a host name", DnsNames = null });

        var valid = Valid(Server(leaf, fallback: true));

        Assert.Empty(valid.Facts.Snis);
        Assert.NotEmpty(valid.Facts.Warnings);
    }

    [Fact]
    public void A_client_object_needs_no_name()
    {
        var leaf = _root.Issue(SslInputs.ClientSpec() with { CommonName = "service account", DnsNames = null });

        Assert.Empty(Valid(Client(leaf)).Facts.Snis);
    }

    [Fact]
    public void A_client_object_cannot_be_the_fallback()
    {
        var leaf = _root.Issue(SslInputs.ClientSpec());

        var error = Error(Client(leaf, fallback: true));

        Assert.Equal(("fallback", "invalid_parameter"), (error.Field, error.Code));
    }

    [Fact]
    public void Labels_are_checked()
    {
        var leaf = _root.Issue("l.test");

        Valid(Server(leaf) with { Labels = ["prod", "team=edge"] });
        foreach (var labels in new IReadOnlyList<string>[] { [""], ["a\nb"], [new string('x', 129)], [.. Enumerable.Range(0, 65).Select(i => $"l{i}")] })
        {
            var error = Error(Server(leaf) with { Labels = labels });
            Assert.Equal(("labels", "invalid_parameter"), (error.Field, error.Code));
        }
    }

    [Fact]
    public void Stored_objects_are_checked_again_on_load()
    {
        var leaf = _root.Issue(new CertSpec { CommonName = "Not a host name", DnsNames = null });
        var record = new SslObjectRecord("01jabcdefghjkmnpqrstvwxyz0", "server", leaf.ChainPem, null,
            new Gatehouse.Core.Secrets.EncryptedSecret("00", "AA==", "AA=="), [], false, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);

        Assert.Throws<Gatehouse.Core.Validation.ValidationErrors>(() => SslObjectModel.Load(record, 1, DateTimeOffset.UtcNow));
        Assert.Throws<Gatehouse.Core.Validation.ValidationErrors>(() => SslObjectModel.Load(record with { Type = "other" }, 1, DateTimeOffset.UtcNow));
        Assert.True(SslObjectModel.Load(record with { Fallback = true }, 1, DateTimeOffset.UtcNow).IsFallback);
    }
}
