namespace Gatehouse.Storage.Etcd.Tests;

/// <summary>Keys and values are UTF-8 in etcd; listings come back in .NET ordinal order regardless.</summary>
public sealed class EtcdEncodingTests(EtcdFixture etcd) : IClassFixture<EtcdFixture>
{
    [Fact]
    public async Task Non_ascii_keys_and_values_round_trip_and_list_in_ordinal_order()
    {
        await etcd.ClearAsync();
        await using var store = await EtcdConfigStore.ConnectAsync(etcd.Server.Endpoint);
        // U+FFFD sorts after U+1F511 in UTF-8 bytes (etcd's order) but before it in UTF-16 (ordinal order).
        string[] keys = ["/u/\uFFFD", "/u/🔑", "/u/ключ", "/u/a"];
        foreach (var key in keys)
        {
            await store.PutAsync(key, $"значение {key} ✓");
        }

        var listing = await store.ListAsync("/u/");

        Assert.Equal(keys.Order(StringComparer.Ordinal), listing.Items.Select(item => item.Key));
        Assert.All(listing.Items, item => Assert.Equal($"значение {item.Key} ✓", item.Value));
        Assert.Equal("значение /u/🔑 ✓", (await store.GetAsync("/u/🔑"))!.Value);
    }
}
