using Gatehouse.Core.Revocation;
using Gatehouse.Core.Ssl;
using Gatehouse.Core.Validation;
using Gatehouse.Testing.Pki;

namespace Gatehouse.Core.Tests.Revocation;

/// <summary>The <c>crl</c> and <c>crl_strict</c> fields (DESIGN.md §12): signature checked at upload, listed serials refused.</summary>
public sealed class CrlReaderTests
{
    private static readonly TestCert ServerRoot = TestPki.CreateRoot("Server Root");
    private static readonly TestCert ClientCa = TestPki.CreateRoot("Client CA");
    private static readonly TestCert RsaClientCa = TestPki.CreateRoot("RSA Client CA", KeyKind.Rsa2048);
    private static readonly TestCert OtherCa = TestPki.CreateRoot("Other CA");
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static TestCert Client(TestCert ca, string name) =>
        ca.Issue(new CertSpec { CommonName = name, DnsNames = null, ExtendedKeyUsages = [Oids.ClientAuth] });

    private static SslObjectInput Input(string? crl, bool strict = false, string? ca = null) =>
        new(ServerRoot.Issue("crl.test").ChainPem, null, ca ?? ClientCa.CertPem + RsaClientCa.CertPem, SslObjectType.Server, [], false,
            Crl: crl, CrlStrict: strict);

    private static List<ValidationError> Errors(string? crl, bool strict = false, string? ca = null)
    {
        var errors = new List<ValidationError>();
        var input = Input(crl, strict, ca);
        var facts = CertificateInspector.Inspect(input.CertificatePem, input.CaCertificatePem, input.Type, false, Now, errors);
        Assert.NotNull(facts);
        Assert.Null(CrlReader.Read(crl, strict, facts.CaCertificates, errors));
        return errors;
    }

    private static RevocationLists Read(string crl, bool strict = false)
    {
        var errors = new List<ValidationError>();
        var lists = CrlReader.Read(crl, strict, [ClientCa.Certificate, RsaClientCa.Certificate], errors);
        Assert.Empty(errors);
        return lists!;
    }

    [Fact]
    public void A_crl_from_each_ca_is_verified_and_a_listed_serial_is_refused_while_another_is_accepted()
    {
        var revoked = Client(ClientCa, "revoked");
        var good = Client(ClientCa, "good");
        var rsaRevoked = Client(RsaClientCa, "rsa-revoked");
        var lists = Read(TestCrl.Pem(ClientCa, [revoked]) + TestCrl.Pem(RsaClientCa, [rsaRevoked]));

        Assert.Equal(2, lists.Lists.Count);
        Assert.True(lists.Refuses([revoked.Certificate, ClientCa.Certificate], Now));
        Assert.True(lists.Refuses([rsaRevoked.Certificate, RsaClientCa.Certificate], Now));
        Assert.False(lists.Refuses([good.Certificate, ClientCa.Certificate], Now));
        Assert.Empty(lists.WarningsAt(Now));
    }

    [Fact]
    public void Base64_der_is_accepted_and_stored_as_pem()
    {
        var der = TestCrl.Der(ClientCa, [Client(ClientCa, "x")]);
        var lists = Read(Convert.ToBase64String(der));
        Assert.Equal(der, Assert.Single(lists.Lists).Der);
        Assert.StartsWith("-----BEGIN X509 CRL-----", CrlReader.ToPem(lists));
    }

    [Fact]
    public void A_crl_signed_by_another_ca_is_refused_with_invalid_crl()
    {
        var error = Assert.Single(Errors(TestCrl.Pem(OtherCa, [])));
        Assert.Equal(("crl", "invalid_crl"), (error.Field, error.Code));
    }

    [Fact]
    public void A_crl_whose_signature_was_tampered_with_is_refused()
    {
        var der = TestCrl.Der(ClientCa, [Client(ClientCa, "y")]);
        der[^3] ^= 0x55;
        Assert.Equal("invalid_crl", Assert.Single(Errors(Convert.ToBase64String(der))).Code);
    }

    [Theory]
    [InlineData("garbage!")]
    [InlineData("-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")]
    public void Malformed_crls_are_invalid_crl(string crl) =>
        Assert.Equal("invalid_crl", Assert.Single(Errors(crl)).Code);

    [Fact]
    public void A_crl_needs_a_ca_set_and_two_crls_of_one_ca_are_refused()
    {
        var errors = new List<ValidationError>();
        Assert.Null(CrlReader.Read(TestCrl.Pem(ClientCa, []), false, [], errors));
        Assert.Equal("invalid_crl", Assert.Single(errors).Code);
        Assert.Equal("invalid_crl", Assert.Single(Errors(TestCrl.Pem(ClientCa, []) + TestCrl.Pem(ClientCa, []))).Code);
    }

    [Fact]
    public void Crl_strict_without_a_crl_is_invalid_parameter()
    {
        var error = Assert.Single(Errors(null, strict: true));
        Assert.Equal(("crl_strict", "invalid_parameter"), (error.Field, error.Code));
    }

    [Fact]
    public void A_stale_crl_warns_and_with_crl_strict_refuses_every_client()
    {
        var good = Client(ClientCa, "good");
        var stale = TestCrl.Pem(ClientCa, [], Now.AddDays(-10), Now.AddDays(-1));
        var lenient = Read(stale);
        Assert.Contains(lenient.WarningsAt(Now), w => w.Contains("next_update", StringComparison.Ordinal));
        Assert.False(lenient.Refuses([good.Certificate, ClientCa.Certificate], Now));

        var strict = Read(stale, strict: true);
        Assert.True(strict.Refuses([good.Certificate, ClientCa.Certificate], Now));
        Assert.False(strict.Refuses([good.Certificate, ClientCa.Certificate], Now.AddDays(-2)), "fresh until next_update");
    }

    [Fact]
    public void The_validator_stores_the_crl_and_a_model_loads_it_back()
    {
        var leaf = ServerRoot.Issue("crl.test");
        var revoked = Client(ClientCa, "revoked");
        var input = new SslObjectInput(leaf.ChainPem, leaf.KeyPem, ClientCa.CertPem, SslObjectType.Server, [], false,
            Crl: TestCrl.Pem(ClientCa, [revoked]), CrlStrict: true);
        var valid = SslObjectValidator.Validate(input, Now);
        Assert.True(valid.Revocation.Strict);
        var record = new SslObjectRecord("01jabcdefghjkmnpqrstvwxyz0", "server", valid.CertificatePem, valid.CaCertificatePem,
            new Gatehouse.Core.Secrets.EncryptedSecret("k", "n", "c"), [], false, Now, Now, valid.CrlPem, true);
        var model = SslObjectModel.Load(record, 1, Now);
        Assert.True(model.Revocation.Refuses([revoked.Certificate, ClientCa.Certificate], Now));
        Assert.NotEmpty(model.Revocation.Id);
    }
}
