using System.Text.Json;
using System.Text.RegularExpressions;
using Gatehouse.Core.Validation;
using Gatehouse.Hosting.Errors;
using Microsoft.AspNetCore.Http;

namespace Gatehouse.ControlPlane.Api;

/// <summary>
/// A strictly read JSON object body: at most 1 MiB, one object, no duplicate keys, no unknown or read-only
/// fields. Errors name the field but never repeat a value.
/// </summary>
public sealed partial class JsonBody : IDisposable
{
    public const int MaxBytes = 1024 * 1024;
    private readonly Dictionary<string, JsonElement> _fields;

    private JsonBody(JsonDocument document, Dictionary<string, JsonElement> fields)
    {
        Document = document;
        _fields = fields;
    }

    private JsonDocument Document { get; }

    /// <summary>Reads the request body; throws <see cref="ApiError"/> (413, or 400 with every shape error).</summary>
    public static async Task<JsonBody> ReadAsync(HttpRequest request, IReadOnlySet<string> writable,
        IReadOnlySet<string> readOnly, CancellationToken cancellationToken)
    {
        var bytes = await ReadLimitedAsync(request, cancellationToken);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException)
        {
            throw ApiError.Of(400, "invalid_json", "The body is not valid JSON: send one JSON object.");
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw ApiError.Of(400, "invalid_json", "The body must be a JSON object.");

        var errors = new List<ValidationError>();
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var name = SafeName(property.Name);
            if (!fields.TryAdd(property.Name, property.Value))
                errors.Add(new(name, "invalid_json", $"The field {name} appears more than once."));
            else if (readOnly.Contains(property.Name))
                errors.Add(new(name, "read_only_field", $"{name} is computed by the server and cannot be written; remove it."));
            else if (!writable.Contains(property.Name))
                errors.Add(new(name, "unknown_field", $"Unknown field {name}; accepted fields: {string.Join(", ", writable.Order())}."));
        }
        if (errors.Count > 0) throw new ApiError(400, errors);
        return new JsonBody(document, fields);
    }

    /// <summary>A body built in process (the console's forms), read like a request's; the caller owns the fields it sets.</summary>
    public static JsonBody Of(System.Text.Json.Nodes.JsonObject body)
    {
        var document = JsonDocument.Parse(body.ToJsonString());
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject()) fields[property.Name] = property.Value;
        return new JsonBody(document, fields);
    }

    public bool Has(string field) => _fields.ContainsKey(field);

    /// <summary>The whole body as an object, for strict nested reading with <see cref="JsonFields"/>.</summary>
    public System.Text.Json.JsonElement Root => Document.RootElement;

    public void Dispose() => Document.Dispose();

    /// <summary>A string field; null when absent or JSON null. A wrong type is added to <paramref name="errors"/>.</summary>
    public string? String(string field, List<ValidationError> errors)
    {
        if (!_fields.TryGetValue(field, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        errors.Add(new(field, "invalid_parameter", $"{field} must be a string."));
        return null;
    }

    public bool? Bool(string field, List<ValidationError> errors)
    {
        if (!_fields.TryGetValue(field, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
        errors.Add(new(field, "invalid_parameter", $"{field} must be true or false."));
        return null;
    }

    public IReadOnlyList<string>? StringArray(string field, List<ValidationError> errors)
    {
        if (!_fields.TryGetValue(field, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
            return [.. value.EnumerateArray().Select(e => e.GetString()!)];
        errors.Add(new(field, "invalid_parameter", $"{field} must be an array of strings."));
        return null;
    }

    /// <summary>The field name for messages, or a placeholder when it does not look like a field name (it may be pasted data).</summary>
    public static string SafeName(string name) => FieldName().IsMatch(name) ? name : "(unprintable field name)";

    private static async Task<byte[]> ReadLimitedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes) throw TooLarge();
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes) throw TooLarge();
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0) throw ApiError.Of(400, "invalid_json", "The body is empty: send one JSON object.");
        return buffer.ToArray();
    }

    private static ApiError TooLarge() => ApiError.Of(413, "payload_too_large", "The body is larger than 1 MiB.");

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    private static partial Regex FieldName();
}
