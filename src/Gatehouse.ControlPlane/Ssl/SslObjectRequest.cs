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
    /// <summary>Never prints the key (a record's generated ToString would).</summary>
    public override string ToString() => $"SslObjectRequest {{ Type = {Type}, Fallback = {Fallback}, Labels = {Labels.Count} }}";

    public static IReadOnlySet<string> WritableFields { get; } =
        new HashSet<string> { "certificate", "private_key", "ca_certificate", "type", "labels", "fallback", "crl", "crl_strict" };

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
            body.Bool("crl_strict", errors) ?? false);
    }
}
