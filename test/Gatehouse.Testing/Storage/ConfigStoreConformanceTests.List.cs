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

    [Fact]
    public async Task Get_list_and_watch_hand_over_the_value_as_text_and_as_its_exact_utf8()
    {
        await using var store = await CreateStoreAsync();
        const string value = "{\"name\":\"Zürich — 東京 😀\",\"pem\":\"line1\\nline2\"}";
        var expected = System.Text.Encoding.UTF8.GetBytes(value);
        var revision = (await store.PutAsync("/u/k", value)).Revision;
        await using var watch = new WatchProbe(store, "/u/", revision);

        var got = (await store.GetAsync("/u/k"))!;
        var listed = Assert.Single((await store.ListAsync("/u/")).Items);
        var watched = Assert.IsType<WatchEvent.Put>(await watch.NextAsync()).Item;

        foreach (var item in new[] { got, listed, watched })
        {
            Assert.Equal(expected, item.Utf8Value.ToArray());
            Assert.Equal(value, item.Value);
            Assert.Equal(new StoreItem("/u/k", value, revision, revision), item);
        }
    }

    [Fact]
    public async Task Pages_hold_at_most_the_page_size_in_key_order_and_together_every_key_at_one_revision()
    {
        await using var store = await CreateStoreAsync();
        var keys = Enumerable.Range(0, 25).Select(i => $"/p/{i:D3}").ToList();
        long last = 0;
        foreach (var key in keys) last = (await store.PutAsync(key, "value of " + key)).Revision;
        await store.PutAsync("/q/outside", "not listed");

        var pages = await ReadPagesAsync(store.ListPagesAsync("/p/", pageSize: 7));

        Assert.Equal([7, 7, 7, 4], pages.Select(p => p.Items.Count));
        Assert.All(pages, page => Assert.Equal(last + 1, page.Revision));
        Assert.Equal(keys, pages.SelectMany(p => p.Items).Select(i => i.Key));
        Assert.All(pages.SelectMany(p => p.Items), item => Assert.Equal("value of " + item.Key, item.Value));
    }

    [Fact]
    public async Task A_prefix_of_an_exact_multiple_of_the_page_size_ends_with_an_empty_page_and_an_empty_prefix_with_one()
    {
        await using var store = await CreateStoreAsync();
        for (var i = 0; i < 6; i++) await store.PutAsync($"/m/{i}", "v");

        var pages = await ReadPagesAsync(store.ListPagesAsync("/m/", pageSize: 3));
        var none = await ReadPagesAsync(store.ListPagesAsync("/nothing/", pageSize: 3));

        Assert.Equal(6, pages.Sum(p => p.Items.Count));
        Assert.All(pages, page => Assert.InRange(page.Items.Count, 0, 3));
        var empty = Assert.Single(none);
        Assert.Empty(empty.Items);
    }

    [Fact]
    public async Task Later_pages_stay_at_the_first_pages_revision_while_commits_land_and_a_watch_from_it_sees_them()
    {
        await using var store = await CreateStoreAsync();
        for (var i = 0; i < 9; i++) await store.PutAsync($"/s/{i}", "old");
        var (pinned, firstKeys, rest, changes) = await ListWhileWritingAsync(store);

        // The first page was read before the writes, the others after: they still show the store at the first revision.
        Assert.Equal(["/s/0", "/s/1", "/s/2"], firstKeys);
        Assert.All(rest, page => Assert.Equal(pinned, page.Revision));
        var later = rest.SelectMany(p => p.Items).ToList();
        Assert.Equal(["/s/3", "/s/4", "/s/5", "/s/6", "/s/7", "/s/8"], later.Select(i => i.Key));
        Assert.All(later, item => Assert.Equal("old", item.Value));

        // The watch from the pinned revision + 1 delivers exactly what the pages did not show.
        Assert.Equal(
            [$"put /s/5 new @{pinned + 1}", $"delete /s/7 @{pinned + 2}", $"put /s/9 new @{pinned + 3}"],
            changes);
    }

    private static async Task<(long Pinned, List<string> FirstKeys, List<StoreListing> Later, List<string> Changes)> ListWhileWritingAsync(
        IConfigStore store)
    {
        var rest = new List<StoreListing>();
        List<string> firstKeys = [];
        long pinned = 0;
        await using (var pages = store.ListPagesAsync("/s/", pageSize: 3).GetAsyncEnumerator())
        {
            Assert.True(await pages.MoveNextAsync());
            pinned = pages.Current.Revision;
            firstKeys = [.. pages.Current.Items.Select(i => i.Key)];
            await store.PutAsync("/s/5", "new");
            await store.DeleteAsync("/s/7");
            await store.PutAsync("/s/9", "new");
            while (await pages.MoveNextAsync()) rest.Add(pages.Current);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var changes = new List<string>();
        await foreach (var change in store.WatchAsync("/s/", pinned + 1, timeout.Token))
        {
            changes.Add(change switch
            {
                WatchEvent.Put put => $"put {put.Item.Key} {put.Item.Value} @{put.Item.ModRevision}",
                WatchEvent.Deleted deleted => $"delete {deleted.Key} @{deleted.Revision}",
                _ => change.ToString()!,
            });
            if (changes.Count == 3) break;
        }
        return (pinned, firstKeys, rest, changes);
    }

    private static async Task<List<StoreListing>> ReadPagesAsync(IAsyncEnumerable<StoreListing> pages)
    {
        var read = new List<StoreListing>();
        await foreach (var page in pages) read.Add(page);
        return read;
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
