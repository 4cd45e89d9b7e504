using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gatehouse.Core.Json;

/// <summary>Writes timestamps as RFC 3339 UTC with a <c>Z</c> (DESIGN.md §2); reads any RFC 3339 offset.</summary>
internal sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // What Gatehouse writes (UTC, "Z", at most 7 fractional digits: exact in ticks) is parsed from the UTF-8 with no
        // string; anything else as before (no offset = UTC; more digits rounded as DateTimeOffset.Parse does).
        if (reader.TokenType == JsonTokenType.String && !reader.HasValueSequence && reader.ValueSpan is [.., (byte)'Z']
            && reader.ValueSpan.Length <= "yyyy-MM-ddTHH:mm:ss.fffffffZ".Length && reader.TryGetDateTimeOffset(out var utc))
            return utc;
        return DateTimeOffset.Parse(reader.GetString() ?? throw new JsonException("timestamp expected"), CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
}
