using System.Text.Json;
using Gatehouse.Core.Validation;

namespace Gatehouse.ControlPlane.Api;

/// <summary>
/// Strict reading of nested JSON objects: unknown and repeated fields are errors, wrong types are errors,
/// and no message repeats a value. Paths name the field as <c>upstream.targets[0].port</c>.
/// </summary>
internal sealed class JsonFields
{
    private readonly Dictionary<string, JsonElement> _fields = new(StringComparer.Ordinal);
    private readonly string _path;
    private readonly List<ValidationError> _errors;

    private JsonFields(string path, List<ValidationError> errors)
    {
        _path = path;
        _errors = errors;
    }

    /// <summary>Reads an object's fields; null (with an error) when <paramref name="element"/> is not an object.</summary>
    public static JsonFields? Read(JsonElement element, string path, IReadOnlySet<string> allowed, List<ValidationError> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(path, "invalid_parameter", $"{path} must be a JSON object."));
            return null;
        }
        var fields = new JsonFields(path, errors);
        foreach (var property in element.EnumerateObject())
        {
            var name = JsonBody.SafeName(property.Name);
            if (!fields._fields.TryAdd(property.Name, property.Value))
                errors.Add(new($"{path}.{name}", "invalid_json", $"The field {path}.{name} appears more than once."));
            else if (!allowed.Contains(property.Name))
                errors.Add(new($"{path}.{name}", "unknown_field", $"Unknown field {path}.{name}; accepted fields: {string.Join(", ", allowed.Order())}."));
        }
        return fields;
    }

    public JsonElement? Element(string name) =>
        _fields.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public string? String(string name)
    {
        if (Element(name) is not { } value) return null;
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        return Wrong(name, "a string");
    }

    public bool? Bool(string name)
    {
        if (Element(name) is not { } value) return null;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
        Wrong(name, "true or false");
        return null;
    }

    public int? Int(string name)
    {
        if (Element(name) is not { } value) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)) return number;
        Wrong(name, "an integer");
        return null;
    }

    public IReadOnlyList<string>? Strings(string name)
    {
        if (Element(name) is not { } value) return null;
        if (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
            return [.. value.EnumerateArray().Select(e => e.GetString()!)];
        Wrong(name, "an array of strings");
        return null;
    }

    public IReadOnlyList<JsonElement>? Array(string name)
    {
        if (Element(name) is not { } value) return null;
        if (value.ValueKind == JsonValueKind.Array) return [.. value.EnumerateArray()];
        Wrong(name, "an array");
        return null;
    }

    public string Path(string name) => _path.Length == 0 ? name : $"{_path}.{name}";

    public void Missing(string name, string what) => _errors.Add(new(Path(name), "missing_field", $"{Path(name)} is required: {what}."));

    private string? Wrong(string name, string what)
    {
        _errors.Add(new(Path(name), "invalid_parameter", $"{Path(name)} must be {what}."));
        return null;
    }
}
