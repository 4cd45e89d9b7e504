using Gatehouse.Core.Ssl;
using Gatehouse.Core.Validation;
using Gatehouse.Testing.Pki;

namespace Gatehouse.Core.Tests.Ssl;

/// <summary>Builds validator inputs from test certificates and runs the validator.</summary>
internal static class SslInputs
{
    public static SslObjectInput Server(TestCert cert, string? caPem = null, bool fallback = false) =>
        new(cert.ChainPem, cert.KeyPem, caPem, SslObjectType.Server, [], fallback);

    public static SslObjectInput Client(TestCert cert, string? caPem = null, bool fallback = false) =>
        new(cert.ChainPem, cert.KeyPem, caPem, SslObjectType.Client, [], fallback);

    public static ValidatedSslObject Valid(SslObjectInput input) => SslObjectValidator.Validate(input, DateTimeOffset.UtcNow);

    public static IReadOnlyList<ValidationError> Errors(SslObjectInput input)
    {
        var refused = Assert.Throws<ValidationErrors>(() => SslObjectValidator.Validate(input, DateTimeOffset.UtcNow));
        Assert.NotEmpty(refused.Errors);
        Assert.Equal(refused.Errors[0].Message, refused.Message);
        return refused.Errors;
    }

    /// <summary>Asserts exactly one error and returns it.</summary>
    public static ValidationError Error(SslObjectInput input) => Assert.Single(Errors(input));

    public static CertSpec ClientSpec(string name = "client.test") =>
        new() { CommonName = name, DnsNames = [name], ExtendedKeyUsages = [Oids.ClientAuth] };
}
