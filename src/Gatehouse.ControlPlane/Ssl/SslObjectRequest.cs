using Gatehouse.ControlPlane.Configuration;
using Gatehouse.ControlPlane.Api;
using Gatehouse.Core.Ssl;
using Gatehouse.Core.Validation;

namespace Gatehouse.ControlPlane.Ssl;

/// <summary>The writable fields of an SSL object request, read from a strict JSON body.</summary>
public sealed record SslObjectRequest(
    string? Certificate,
    string? PrivateKey,
    string? CaCertificate,
    SslObjectType? Type,
    IReadOnlyList<string> Labels,
    bool Fallback,
    string? Crl = null,
    bool CrlStrict = false)
{
    /// <summary>The alternative chain (the other key type for the same names), or null.</summary>
    public string? AltCertificate { get; init; }

    /// <summary>The alt key; on update it may be omitted when the alt leaf keeps the stored alt key.</summary>
    public string? AltPrivateKey { get; init; }

    /// <summary><c>"1.2"</c> or <c>"1.3"</c>; null takes the default (<c>"1.2"</c>).</summary>
    public string? MinTlsVersion { get; init; }

    /// <summary>IANA names from the intermediate set; null takes the default list.</summary>
    public IReadOnlyList<string>? Tls12CipherSuites { get; init; }

    /// <summary>The optional unique name (DESIGN.md §13); PUT without it clears it.</summary>
    public string? Name { get; init; }

    /// <summary>The validator's input: this request with the key to check (the sent one, or the stored one when <paramref name="keyIsStored"/>).</summary>
    public SslObjectInput ToInput(SslObjectType type, string? keyPem, bool keyIsStored, string? altKeyPem, bool altKeyIsStored) =>
        new(Certificate, keyPem, CaCertificate, type, Labels, Fallback, keyIsStored, Crl, CrlStrict)
        {
            AltCertificatePem = AltCertificate,
            AltPrivateKeyPem = altKeyPem,
            AltKeyIsStored = altKeyIsStored,
            MinTlsVersion = MinTlsVersion,
            Tls12CipherSuites = Tls12CipherSuites,
            Name = Name,
        };

    /// <summary>Never prints the key (a record's generated ToString would).</summary>
    public override string ToString() => $"SslObjectRequest {{ Type = {Type}, Fallback = {Fallback}, Labels = {Labels.Count} }}";

    public static IReadOnlySet<string> WritableFields { get; } =
        new HashSet<string>
        {
            "certificate", "private_key", "ca_certificate", "type", "labels", "fallback", "crl", "crl_strict",
            "alt_certificate", "alt_private_key", "min_tls_version", "tls12_cipher_suites", "name",
        };

    /// <summary>Reads the fields; shape errors (wrong JSON types, unknown type) are added to <paramref name="errors"/>.</summary>
    public static SslObjectRequest From(JsonBody body, List<ValidationError> errors)
    {
        SslObjectType? type = null;
        var typeText = body.String("type", errors);
        if (typeText is not null)
        {
            if (SslObjectTypes.TryParse(typeText, out var parsed)) type = parsed;
            else errors.Add(new("type", "invalid_parameter", "type must be \"server\" or \"client\"."));
        }
        return new SslObjectRequest(
            body.String("certificate", errors),
            body.String("private_key", errors),
            body.String("ca_certificate", errors),
            type,
            body.StringArray("labels", errors) ?? [],
            body.Bool("fallback", errors) ?? false,
            body.String("crl", errors),
            body.Bool("crl_strict", errors) ?? false)
        {
            AltCertificate = body.String("alt_certificate", errors),
            AltPrivateKey = body.String("alt_private_key", errors),
            MinTlsVersion = body.String("min_tls_version", errors),
            Tls12CipherSuites = body.StringArray("tls12_cipher_suites", errors),
            Name = body.String("name", errors),
        };
    }
}
