using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gatehouse.Acme;
using Gatehouse.ControlPlane.Api;
using Gatehouse.Core.Validation;

namespace Gatehouse.ControlPlane.Acme;

/// <summary>
/// The writable fields of an ACME issuer (DESIGN.md §12): <c>directory_url</c> (https), <c>contact</c> (mailto: URLs),
/// <c>eab</c> {kid, hmac_key (base64url)}, <c>key_type</c>, <c>ca_certificate</c> (PEM trust anchors for the CA's HTTPS).
/// No error repeats a value: the MAC key is a secret.
/// </summary>
internal sealed record IssuerRequest(string DirectoryUrl, IReadOnlyList<string> Contact, AcmeKeyType KeyType, string? CaCertificate,
    string? EabKid, byte[]? EabHmacKey, bool EabGiven)
{
    public static IReadOnlySet<string> WritableFields { get; } = new HashSet<string> { "directory_url", "contact", "eab", "key_type", "ca_certificate" };

    private static readonly IReadOnlySet<string> EabFields = new HashSet<string> { "kid", "hmac_key" };

    /// <summary>Never prints the MAC key (a record's generated ToString would).</summary>
    public override string ToString() => $"IssuerRequest {{ KeyType = {KeyType}, Eab = {EabKid is not null} }}";

    public static IssuerRequest From(JsonBody body)
    {
        var errors = new List<ValidationError>();
        var url = body.String("directory_url", errors);
        if (url is null) errors.Add(new("directory_url", "missing_field", "directory_url is required: the CA's ACME directory (https://…)."));
        else if (url.Length > 2048 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps
                 || uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
            errors.Add(new("directory_url", "invalid_parameter", "directory_url must be an absolute https:// URL without user info or fragment."));
        var contact = body.StringArray("contact", errors) ?? [];
        if (contact.Count > 10 || contact.Any(c => c.Length > 320 || !c.StartsWith("mailto:", StringComparison.Ordinal) || c.Length < 10 || c.Contains(',')))
            errors.Add(new("contact", "invalid_parameter", "contact must be at most 10 mailto: URLs, one address each (mailto:ops@example.com)."));
        var keyTypeText = body.String("key_type", errors);
        var keyType = AcmeKeyType.EcP256;
        if (keyTypeText is not null && !AcmeKeyTypes.TryParse(keyTypeText, out keyType))
            errors.Add(new("key_type", "invalid_parameter", $"key_type must be {AcmeKeyTypes.Allowed}."));
        var ca = body.String("ca_certificate", errors);
        if (ca is not null) ca = ReadTrustAnchors(ca, errors);
        string? kid = null;
        byte[]? mac = null;
        if (body.Has("eab") && body.Root.GetProperty("eab").ValueKind != System.Text.Json.JsonValueKind.Null
            && JsonFields.Read(body.Root.GetProperty("eab"), "eab", EabFields, errors) is { } eab)
        {
            kid = eab.String("kid");
            var macText = eab.String("hmac_key");
            if (kid is null) eab.Missing("kid", "the key identifier the CA gave with the MAC key");
            else if (kid.Length is 0 or > 256) errors.Add(new("eab.kid", "invalid_parameter", "eab.kid must be 1 to 256 characters."));
            if (macText is null) eab.Missing("hmac_key", "the MAC key the CA gave, base64url");
            else if (!TryBase64Url(macText, out mac) || mac!.Length is < 16 or > 512)
                errors.Add(new("eab.hmac_key", "invalid_parameter", "eab.hmac_key must be the CA's MAC key in base64url, 16 to 512 bytes."));
        }
        if (errors.Count > 0) throw DomainError.FromValidation(new ValidationErrors(errors));
        return new IssuerRequest(url!, contact, keyType, ca, kid, mac, body.Has("eab"));
    }

    /// <summary>Canonical PEM of every certificate in the field, or null with an error (never echoing the field).</summary>
    private static string? ReadTrustAnchors(string pem, List<ValidationError> errors)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPem(pem);
        }
        catch (CryptographicException)
        {
            collection.Clear();
        }
        if (collection.Count is 0 or > 10 || pem.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            errors.Add(new("ca_certificate", "invalid_ca_certificate", "ca_certificate must be 1 to 10 PEM certificates (the CA's HTTPS trust anchors)."));
            return null;
        }
        return string.Concat(collection.Select(c => c.ExportCertificatePem() + "\n"));
    }

    private static bool TryBase64Url(string text, out byte[]? bytes)
    {
        bytes = null;
        var trimmed = text.TrimEnd('=');
        if (trimmed.Length == 0 || !trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) return false;
        bytes = Base64Url.DecodeFromChars(trimmed);
        return true;
    }
}
