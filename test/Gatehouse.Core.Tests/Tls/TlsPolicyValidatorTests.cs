using Gatehouse.Core.Ssl;
using Gatehouse.Core.Tls;
using Gatehouse.Core.Validation;

namespace Gatehouse.Core.Tests.Tls;

public sealed class TlsPolicyValidatorTests
{
    private static (TlsPolicy? Policy, List<ValidationError> Errors) Run(string? min, string[]? suites, SslObjectType type = SslObjectType.Server)
    {
        var errors = new List<ValidationError>();
        return (TlsPolicyValidator.Validate(min, suites, type, errors), errors);
    }

    [Fact]
    public void Absent_fields_are_the_intermediate_default()
    {
        var (policy, errors) = Run(null, null);
        Assert.Empty(errors);
        Assert.Same(TlsPolicy.Default, policy);
        Assert.Equal(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13, policy!.Protocols);
        Assert.Equal(6, policy.Tls12CipherSuites.Count);
        Assert.All(policy.Tls12CipherSuites, s => Assert.Matches("^TLS_ECDHE_(RSA|ECDSA)_WITH_(AES_(128|256)_GCM_SHA(256|384)|CHACHA20_POLY1305_SHA256)$", s));
    }

    [Fact]
    public void Tls13_only_offers_no_tls12_suite()
    {
        var (policy, errors) = Run("1.3", null);
        Assert.Empty(errors);
        Assert.Equal(System.Security.Authentication.SslProtocols.Tls13, policy!.Protocols);
        Assert.Equal(Tls12CipherSuites.Tls13, policy.CipherSuites);
    }

    [Fact]
    public void A_chosen_list_keeps_its_order_after_the_tls13_suites()
    {
        var (policy, errors) = Run("1.2", ["TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"]);
        Assert.Empty(errors);
        Assert.False(policy!.HasDefaultSuites);
        Assert.Equal(
            [.. Tls12CipherSuites.Tls13, System.Net.Security.TlsCipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
                System.Net.Security.TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384],
            policy.CipherSuites);
    }

    [Theory]
    [InlineData("1.1")]
    [InlineData("1.0")]
    [InlineData("TLS1.3")]
    [InlineData("")]
    public void Other_versions_are_invalid_parameter(string min)
    {
        var (policy, errors) = Run(min, null);
        Assert.Null(policy);
        var error = Assert.Single(errors);
        Assert.Equal(("min_tls_version", "invalid_parameter"), (error.Field, error.Code));
    }

    [Theory]
    [InlineData("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA")]      // CBC
    [InlineData("TLS_RSA_WITH_AES_128_GCM_SHA256")]         // static RSA key exchange
    [InlineData("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256")]     // DHE, not in Gatehouse's set
    [InlineData("TLS_AES_128_GCM_SHA256")]                  // a TLS 1.3 suite
    [InlineData("ECDHE-RSA-AES128-GCM-SHA256")]             // OpenSSL's name, not IANA's
    [InlineData("tls_ecdhe_rsa_with_aes_128_gcm_sha256")]   // IANA names are exact
    public void Suites_outside_the_intermediate_set_are_invalid_parameter_and_not_echoed(string suite)
    {
        var (policy, errors) = Run(null, ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", suite]);
        Assert.Null(policy);
        var error = Assert.Single(errors);
        Assert.Equal(("tls12_cipher_suites", "invalid_parameter"), (error.Field, error.Code));
        Assert.Contains("#2", error.Message);
        if (!Tls12CipherSuites.Intermediate.Contains(suite, StringComparer.OrdinalIgnoreCase)) Assert.DoesNotContain(suite, error.Message);
    }

    [Fact]
    public void Empty_and_repeated_lists_are_invalid_parameter()
    {
        Assert.Equal("invalid_parameter", Assert.Single(Run(null, []).Errors).Code);
        Assert.Equal("invalid_parameter", Assert.Single(Run(null, ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"]).Errors).Code);
    }

    [Fact]
    public void Client_objects_take_no_policy()
    {
        var (policy, errors) = Run("1.3", ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"], SslObjectType.Client);
        Assert.Null(policy);
        Assert.Equal(["min_tls_version", "tls12_cipher_suites"], errors.Select(e => e.Field));
        Assert.Same(TlsPolicy.Default, Run(null, null, SslObjectType.Client).Policy);
    }
}
