using System.CommandLine;
using System.Text.Json.Nodes;
using Gatehouse.Client;

namespace Gatehouse.Commands.Ssl;

/// <summary>
/// The TLS policy and dual-certificate flags shared by <c>ssl create</c> and <c>ssl update</c>: <c>--min-tls</c>,
/// <c>--tls12-cipher</c>, <c>--alt-cert</c>, <c>--alt-key</c>.
/// </summary>
internal sealed class SslTlsOptions
{
    public Option<string?> MinTls { get; } = new("--min-tls")
    {
        Description = "Lowest TLS version this object's clients may use: 1.2 (default: TLS 1.2 and 1.3) or 1.3 (TLS 1.3 only).",
    };

    public Option<string[]> Tls12Ciphers { get; } = new("--tls12-cipher")
    {
        Description = "A TLS 1.2 cipher suite (IANA name, e.g. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256); repeat for several, in preference order. Default: Mozilla intermediate.",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string?> AltCert { get; } = new("--alt-cert")
    {
        Description = "PEM file: a second certificate of the other key type (RSA or ECDSA) for the same names, presented to clients that prefer it.",
    };

    public Option<string?> AltKey { get; } = new("--alt-key") { Description = "PEM file: the private key of --alt-cert." };

    public SslTlsOptions() => MinTls.AcceptOnlyFromAmong("1.2", "1.3");

    public IEnumerable<Option> All => [MinTls, Tls12Ciphers, AltCert, AltKey];

    /// <summary>Sets the fields the flags give on <paramref name="body"/> (files are read here, before any request).</summary>
    public void Apply(ParseResult parse, JsonObject body)
    {
        if (parse.GetValue(MinTls) is { } minTls) body["min_tls_version"] = minTls;
        if (parse.GetValue(Tls12Ciphers) is { Length: > 0 } suites) body["tls12_cipher_suites"] = new JsonArray([.. suites.Select(s => (JsonNode?)s)]);
        if (parse.GetValue(AltCert) is { } altCert) body["alt_certificate"] = InputFiles.ReadText(altCert, "--alt-cert");
        if (parse.GetValue(AltKey) is { } altKey) body["alt_private_key"] = InputFiles.ReadText(altKey, "--alt-key");
    }
}
