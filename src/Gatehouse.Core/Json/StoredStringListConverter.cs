using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gatehouse.Core.Json;

/// <summary>
/// Reads a stored list of strings as an array of exactly its items; an empty one is the one shared empty array (a stored
/// object has several lists that are usually empty: labels, warnings, OCSP responders), so a 100 000-object load keeps
/// neither empty lists nor a list wrapper and spare capacity around the ones it keeps, such as SAN names (DESIGN.md §11).
/// Null items are kept (the readers that validate a value see them).
/// </summary>
internal sealed class StoredStringListConverter : JsonConverter<IReadOnlyList<string>>
{
    public override IReadOnlyList<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("array of strings expected");
        List<string>? items = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null)) throw new JsonException("array of strings expected");
            (items ??= []).Add(reader.GetString()!);
        }
        return items is null ? Array.Empty<string>() : items.ToArray();
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var item in value) writer.WriteStringValue(item);
        writer.WriteEndArray();
    }
}
