using Gatehouse.Storage;
using Xunit;

namespace Gatehouse.Testing.Storage;

public abstract partial class ConfigStoreConformanceTests
{
    private static readonly string[] ListKeys =
        ["/a/b", "/a/b/1", "/a/b/Z", "/a/b/a", "/a/bc", "/a/b%", "/a/b_", "/a/b%x", "/a/B", "/a/a", "/a", "/b/b"];

    [Fact]
    public async Task List_returns_exactly_the_prefix_in_ordinal_order_with_the_revision()
    {
        await using var store = await CreateStoreAsync();
        long last = 0;
        foreach (var key in ListKeys)
        {
            last = (await store.PutAsync(key, "value of " + key)).Revision;
        }

        await AssertListAsync(store, "/a/b", last);
        await AssertListAsync(store, "/a/b/", last);
        await AssertListAsync(store, "/a/b%", last);
        await AssertListAsync(store, "/a/b_", last);
        await AssertListAsync(store, "/a/", last);
        await AssertListAsync(store, "", last);
        await AssertListAsync(store, "/nothing/", last);
    }

    [Fact]
    public async Task List_reflects_deletes_and_updates()
    {
        await using var store = await CreateStoreAsync();
        var first = (await store.PutAsync("/l/1", "one")).Revision;
        await store.PutAsync("/l/2", "two");
        await store.PutAsync("/l/1", "uno");
        var last = (await store.DeleteAsync("/l/2")).Revision;

        var listing = await store.ListAsync("/l/");

        Assert.Equal(last, listing.Revision);
        var item = Assert.Single(listing.Items);
        Assert.Equal(new StoreItem("/l/1", "uno", first + 2, first), item);
    }

    private static async Task AssertListAsync(IConfigStore store, string prefix, long revision)
    {
        var expected = ListKeys.Where(key => key.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

        var listing = await store.ListAsync(prefix);

        Assert.Equal(revision, listing.Revision);
        Assert.Equal(expected, listing.Items.Select(item => item.Key));
        Assert.All(listing.Items, item => Assert.Equal("value of " + item.Key, item.Value));
    }
}
