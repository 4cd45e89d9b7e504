using System.Text.Json;
using Gatehouse.Core.Json;
using Gatehouse.Core.Secrets;
using Gatehouse.Core.Ssl;

namespace Gatehouse.Core.Tests.Json;

/// <summary>
/// Reading stored values shares what repeats across 100 000 objects (DESIGN.md §11) and reads exactly what was written:
/// repeated strings are one instance, empty lists one shared array, timestamps the same instant either way.
/// </summary>
public sealed class StoredJsonTests
{
    private static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, GatehouseJson.StoredOptions)!;

    [Fact]
    public void Repeated_key_ids_and_types_are_one_instance_and_read_exactly()
    {
        var first = Read<EncryptedSecret>("""{"key_id":"bb77f5829e03e04c","nonce":"bm9uY2U=","ciphertext":"Y2lwaGVy"}""");
        var second = Read<EncryptedSecret>("""{"key_id":"bb77f5829e03e04c","nonce":"bm9uY2U=","ciphertext":"Y2lwaGVy"}""");
        var escaped = Read<EncryptedSecret>("""{"key_id":"bb77f5829e03e04\u0063","nonce":"bm9uY2U=","ciphertext":"Y2lwaGVy"}""");
        var other = Read<EncryptedSecret>("""{"key_id":"Zürich 東京","nonce":"bm9uY2U=","ciphertext":"Y2lwaGVy"}""");

        Assert.Equal("bb77f5829e03e04c", first.KeyId);
        Assert.Same(first.KeyId, second.KeyId);
        Assert.Equal("bb77f5829e03e04c", escaped.KeyId);
        Assert.Equal("Zürich 東京", other.KeyId);
        Assert.NotSame(first.Nonce, second.Nonce);
    }

    [Fact]
    public void Empty_lists_are_one_shared_array_and_items_including_nulls_are_kept()
    {
        var one = Read<Holder>("""{"items":[]}""");
        var two = Read<Holder>("""{"items":[]}""");
        var some = Read<Holder>("""{"items":["a",null,"c"]}""");
        var none = Read<Holder>("""{"items":null}""");

        Assert.Empty(one.Items!);
        Assert.Same(one.Items, two.Items);
        Assert.Equal(["a", null, "c"], some.Items!);
        Assert.Null(none.Items);
        Assert.Throws<JsonException>(() => Read<Holder>("""{"items":[1]}"""));
    }

    [Theory]
    [InlineData("2026-11-29T23:29:36.4278717Z")]
    [InlineData("2026-11-29T23:29:36Z")]
    [InlineData("2026-11-29T23:29:36.123456789Z")]
    [InlineData("2026-11-29T23:29:36+02:00")]
    [InlineData("2026-11-29T23:29:36")]
    public void Timestamps_read_as_the_instant_they_name(string text)
    {
        var read = Read<Stamp>($$"""{"at":"{{text}}"}""").At;

        var expected = DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
        Assert.Equal(expected.UtcTicks, read.UtcTicks);
    }

    [Fact]
    public void A_stored_record_round_trips_through_the_shared_readers()
    {
        var record = new SslObjectRecord("01abc", "server", "-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n", null,
            new EncryptedSecret("k1", "n", "c"), [], false, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1));

        var read = Read<SslObjectRecord>(JsonSerializer.Serialize(record, GatehouseJson.Options));

        Assert.Equal(JsonSerializer.Serialize(record, GatehouseJson.Options), JsonSerializer.Serialize(read, GatehouseJson.Options));
        Assert.Same(Read<SslObjectRecord>(JsonSerializer.Serialize(record, GatehouseJson.Options)).Type, read.Type);
    }

    private sealed record Holder(IReadOnlyList<string?>? Items);

    private sealed record Stamp(DateTimeOffset At);
}
