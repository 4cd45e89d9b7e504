using Gatehouse.Testing.Etcd;

namespace Gatehouse.Storage.Etcd.Tests;

/// <summary>Paged listings on a real etcd beyond the conformance suite: a compaction past the pinned revision, and many pages.</summary>
public sealed class EtcdPagingTests
{
    [Fact]
    public async Task A_listing_whose_pinned_revision_is_compacted_between_pages_fails_rather_than_mixing_revisions()
    {
        await using var etcd = await EtcdServer.StartAsync();
        await using var store = await EtcdConfigStore.ConnectAsync(etcd.Endpoint);
        for (var i = 0; i < 4; i++) await store.PutAsync($"/c/{i}", "old");

        await using var pages = store.ListPagesAsync("/c/", pageSize: 2).GetAsyncEnumerator();
        Assert.True(await pages.MoveNextAsync());
        var pinned = pages.Current.Revision;
        await store.PutAsync("/c/3", "new");
        var latest = (await store.PutAsync("/c/3", "newer")).Revision;
        await store.CompactAsync(latest);

        var failure = await Assert.ThrowsAsync<StoreUnavailableException>(async () => await pages.MoveNextAsync());
        Assert.Contains("compacted", failure.Message, StringComparison.Ordinal);
        Assert.True(latest > pinned);
    }

    [Fact]
    public async Task A_large_prefix_comes_in_many_bounded_pages_that_together_are_the_whole_listing()
    {
        await using var etcd = await EtcdServer.StartAsync();
        await using var store = await EtcdConfigStore.ConnectAsync(etcd.Endpoint);
        var value = new string('x', 4096);
        // 1 200 values of 4 KiB: about 5 MiB, more than gRPC's customary 4 MiB in one message.
        await Parallel.ForEachAsync(Enumerable.Range(0, 1200), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, token) => await store.PutAsync($"/big/{i:D5}", value, cancellationToken: token));

        var sizes = new List<int>();
        var revisions = new HashSet<long>();
        await foreach (var page in store.ListPagesAsync("/big/"))
        {
            sizes.Add(page.Items.Count);
            revisions.Add(page.Revision);
        }
        var whole = await store.ListAsync("/big/");

        Assert.Equal([500, 500, 200], sizes);
        Assert.Single(revisions);
        Assert.Equal(1200, whole.Items.Count);
        Assert.Equal(Enumerable.Range(0, 1200).Select(i => $"/big/{i:D5}"), whole.Items.Select(i => i.Key));
    }
}
