using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gatehouse.Core.Json;

/// <summary>The one JSON shape of the API and of stored values: snake_case, no nulls dropped, enums as strings.</summary>
public static class GatehouseJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower), new UtcTimestampConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // API JSON is never embedded in HTML; relaxed escaping keeps PEM readable ("+" not "\u002B").
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// <see cref="Options"/> for reading values Gatehouse itself stored, whose names are always exactly snake_case:
    /// matching them case-sensitively, and reading empty string lists as one shared empty array, make a 100 000-object
    /// load measurably cheaper (DESIGN.md §11).
    /// </summary>
    public static JsonSerializerOptions StoredOptions { get; } = new(Options)
    {
        PropertyNameCaseInsensitive = false,
        Converters = { new StoredStringListConverter() },
    };
}
