using System.Text.Json.Serialization;

namespace Gatehouse.Acme;

/// <summary>A CA's directory object (RFC 8555 §7.1.1), with ARI's <c>renewalInfo</c> (RFC 9773 §3).</summary>
public sealed record AcmeDirectory(
    Uri NewNonce,
    Uri NewAccount,
    Uri NewOrder,
    Uri? RevokeCert = null,
    Uri? KeyChange = null,
    Uri? RenewalInfo = null,
    AcmeDirectoryMeta? Meta = null);

/// <summary>The directory's <c>meta</c> member.</summary>
public sealed record AcmeDirectoryMeta(
    [property: JsonPropertyName("externalAccountRequired")] bool ExternalAccountRequired = false,
    [property: JsonPropertyName("termsOfService")] string? TermsOfService = null);
