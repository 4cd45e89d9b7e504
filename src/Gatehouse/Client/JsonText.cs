using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Gatehouse.Client;

/// <summary>Renders JSON values from the API as short human text.</summary>
internal static class JsonText
{
    /// <summary>A property's value: strings as is, arrays joined by commas, nested objects as compact JSON, null as <c>-</c>.</summary>
    public static string Of(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? Of(value) : "-";

    public static string Of(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.Null or JsonValueKind.Undefined => "-",
        JsonValueKind.Array => value.GetArrayLength() == 0 ? "-" : string.Join(", ", value.EnumerateArray().Select(Of)),
        _ => value.GetRawText(),
    };

    /// <summary>
    /// Every property as <c>name: value</c> lines, except PEM bodies: a certificate field shows how many certificates
    /// it holds, each CA its subject and SHA-256 fingerprint.
    /// </summary>
    public static void WriteFields(JsonElement element, TextWriter writer)
    {
        var fields = element.EnumerateObject().Select(p => (p.Name, Value: p.Name switch
        {
            "certificate" or "alt_certificate" => Certificates(p.Value, subjects: false),
            "ca_certificate" => Certificates(p.Value, subjects: true),
            _ => Of(p.Value),
        })).ToList();
        var width = fields.Max(f => f.Name.Length) + 1;
        foreach (var (name, value) in fields) writer.WriteLine($"{(name + ":").PadRight(width)} {value}");
    }

    /// <summary>
    /// A PEM field as text without its body: how many certificates it holds, or (with <paramref name="subjects"/>)
    /// each one's subject and SHA-256 fingerprint.
    /// </summary>
    public static string Certificates(JsonElement pem, bool subjects)
    {
        if (pem.ValueKind != JsonValueKind.String) return "-";
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPem(pem.GetString()!);
        }
        catch (CryptographicException)
        {
            return "(unreadable PEM)";
        }
        try
        {
            if (collection.Count == 0) return "(no certificate found)";
            if (!subjects) return collection.Count == 1 ? "1 certificate" : $"{collection.Count} certificates (leaf first)";
            return string.Join("; ", collection.Select(c =>
                $"{c.Subject} (sha256 {c.GetCertHashString(HashAlgorithmName.SHA256).ToLowerInvariant()})"));
        }
        finally
        {
            foreach (var certificate in collection) certificate.Dispose();
        }
    }
}
