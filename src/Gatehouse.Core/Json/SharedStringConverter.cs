using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gatehouse.Core.Json;

/// <summary>
/// Reads a string field whose values repeat across stored objects (an object's type, a keyring key id, an issuer, a key
/// algorithm) as one shared instance per distinct value: 100 000 loaded objects then hold a handful of these strings,
/// not 100 000 copies each (DESIGN.md §11). At most <see cref="Capacity"/> distinct values are shared; later ones are
/// read as usual. Values are looked up without allocating (UTF-8 decoded into a stack buffer).
/// </summary>
internal sealed class SharedStringConverter : JsonConverter<string>
{
    private const int Capacity = 4096;
    private const int MaxSharedLength = 256;

    private static readonly ConcurrentDictionary<string, string> Shared = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> ByChars =
        Shared.GetAlternateLookup<ReadOnlySpan<char>>();

    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException("string expected");
        if (reader.HasValueSequence || reader.ValueIsEscaped || reader.ValueSpan.Length > MaxSharedLength) return reader.GetString();
        Span<char> chars = stackalloc char[MaxSharedLength];
        var length = Encoding.UTF8.GetChars(reader.ValueSpan, chars);
        var value = chars[..length];
        if (ByChars.TryGetValue(value, out var shared)) return shared;
        var text = new string(value);
        return Shared.Count < Capacity ? Shared.GetOrAdd(text, text) : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
