using Gatehouse.Testing.Etcd;
using Gatehouse.Testing.Storage;

namespace Gatehouse.Storage.Etcd.Tests;

/// <summary>Watches across etcd restarts and compactions (etcd-only behaviour beyond the conformance suite).</summary>
public sealed class EtcdWatchTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_watch_resumes_after_a_restart_without_losing_or_repeating_events()
    {
        await using var etcd = await EtcdServer.StartAsync();
        await using var store = await EtcdConfigStore.ConnectAsync(etcd.Endpoint, EtcdReconnectTests.Fast);
        var start = (await store.PutAsync("/w/a", "1")).Revision;
        await using var watch = new WatchProbe(store, "/w/", start + 1, Patience);
        var before = (await store.PutAsync("/w/a", "2")).Revision;
        Assert.Equal(new WatchEvent.Put(new("/w/a", "2", before, start)), await watch.NextAsync());

        await etcd.StopAsync();
        await etcd.RestartAsync();
        // Written while the watch's stream is broken and not yet resumed (the probe is not reading).
        var b = (await Eventually.SucceedsAsync(() => store.PutAsync("/w/b", "1"))).Revision;
        var deleted = (await store.DeleteAsync("/w/a")).Revision;

        Assert.Equal<WatchEvent>(
            [new WatchEvent.Put(new("/w/b", "1", b, b)), new WatchEvent.Deleted("/w/a", deleted)],
            await watch.NextAsync(2));
        var live = (await store.PutAsync("/w/c", "1")).Revision;
        Assert.Equal(new WatchEvent.Put(new("/w/c", "1", live, live)), await watch.NextAsync());
    }

    [Fact]
    public async Task A_watch_that_outlives_a_compaction_gets_Compacted_when_it_resumes()
    {
        await using var etcd = await EtcdServer.StartAsync();
        await using var store = await EtcdConfigStore.ConnectAsync(etcd.Endpoint, EtcdReconnectTests.Fast);
        var created = (await store.PutAsync("/w/k", "v1")).Revision;
        await using var watch = new WatchProbe(store, "/w/", created, Patience);
        Assert.Equal(new WatchEvent.Put(new("/w/k", "v1", created, created)), await watch.NextAsync());

        await etcd.StopAsync();
        await etcd.RestartAsync();
        await Eventually.SucceedsAsync(() => store.PutAsync("/w/k", "v2"));
        var compactedAt = (await store.PutAsync("/w/k", "v3")).Revision;
        await store.CompactAsync(compactedAt);

        Assert.Equal(new WatchEvent.Compacted(compactedAt), await watch.NextAsync());
        await watch.AssertEndedAsync();
    }

    [Fact]
    public async Task A_caught_up_watch_is_not_disturbed_by_a_compaction()
    {
        await using var etcd = await EtcdServer.StartAsync();
        await using var store = await EtcdConfigStore.ConnectAsync(etcd.Endpoint, EtcdReconnectTests.Fast);
        var first = (await store.PutAsync("/w/k", "v1")).Revision;
        await using var watch = new WatchProbe(store, "/w/", first, Patience);
        Assert.Equal(new WatchEvent.Put(new("/w/k", "v1", first, first)), await watch.NextAsync());

        var second = (await store.PutAsync("/w/k", "v2")).Revision;
        await store.CompactAsync(second);
        var third = (await store.PutAsync("/w/k", "v3")).Revision;

        Assert.Equal<WatchEvent>(
            [new WatchEvent.Put(new("/w/k", "v2", second, first)), new WatchEvent.Put(new("/w/k", "v3", third, first))],
            await watch.NextAsync(2));
    }

    [Fact]
    public async Task A_watch_throws_StoreUnavailable_when_etcd_stays_away_past_the_resume_timeout()
    {
        await using var etcd = await EtcdServer.StartAsync();
        var options = EtcdReconnectTests.Fast with { WatchResumeTimeout = TimeSpan.FromSeconds(1) };
        await using var store = await EtcdConfigStore.ConnectAsync(etcd.Endpoint, options);
        var revision = (await store.PutAsync("/w/k", "v1")).Revision;
        await using var watch = new WatchProbe(store, "/w/", revision, Patience);
        await watch.NextAsync();

        await etcd.StopAsync();

        await Assert.ThrowsAsync<StoreUnavailableException>(watch.NextAsync);
    }
}
