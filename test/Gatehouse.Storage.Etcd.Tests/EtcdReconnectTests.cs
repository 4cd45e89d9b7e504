using Gatehouse.Testing.Etcd;
using System.Diagnostics;

namespace Gatehouse.Storage.Etcd.Tests;

/// <summary>The store across an etcd outage: fails fast while etcd is gone and works again once it is back.</summary>
public sealed class EtcdReconnectTests
{
    internal static readonly EtcdStoreOptions Fast = new()
    {
        RequestTimeout = TimeSpan.FromSeconds(2),
        MaxReconnectBackoff = TimeSpan.FromSeconds(1),
        WatchResumeTimeout = TimeSpan.FromSeconds(20),
    };

    [Fact]
    public async Task The_store_fails_with_StoreUnavailable_during_an_outage_and_works_again_after_a_restart()
    {
        await using var etcd = await EtcdServer.StartAsync();
        await using var store = await EtcdConfigStore.ConnectAsync(etcd.Endpoint, Fast);
        var written = await store.PutAsync("/r/k", "secret-value-1");

        await etcd.StopAsync();
        var elapsed = Stopwatch.StartNew();
        var failures = new[]
        {
            await Assert.ThrowsAsync<StoreUnavailableException>(() => store.GetAsync("/r/k")),
            await Assert.ThrowsAsync<StoreUnavailableException>(() => store.ListAsync("/r/")),
            await Assert.ThrowsAsync<StoreUnavailableException>(() => store.PutAsync("/r/k", "secret-value-2", written.Revision)),
        };

        Assert.InRange(elapsed.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(15));
        Assert.All(failures, failure =>
        {
            Assert.Contains(new Uri(etcd.Endpoint).Authority, failure.Message);
            Assert.DoesNotContain("secret-value", failure.ToString());
        });

        await etcd.RestartAsync();
        var item = await Eventually.SucceedsAsync(() => store.GetAsync("/r/k"));

        Assert.Equal(new StoreItem("/r/k", "secret-value-1", written.Revision, written.Revision), item);
        Assert.Equal(new CommitResult(true, written.Revision + 1), await store.PutAsync("/r/k", "v3", written.Revision));
    }

    [Fact]
    public async Task Connect_fails_with_StoreUnavailable_when_no_endpoint_answers()
    {
        var nobody = $"http://127.0.0.1:{Gatehouse.Testing.Process.FreePort.Next()}";

        var failure = await Assert.ThrowsAsync<StoreUnavailableException>(() => EtcdConfigStore.ConnectAsync(nobody, Fast));

        Assert.Contains(new Uri(nobody).Authority, failure.Message);
    }

    [Fact]
    public async Task A_dead_endpoint_in_the_list_is_skipped()
    {
        await using var etcd = await EtcdServer.StartAsync();
        var nobody = $"http://127.0.0.1:{Gatehouse.Testing.Process.FreePort.Next()}";
        await using var store = await EtcdConfigStore.ConnectAsync($"{nobody}, {etcd.Endpoint}", Fast);

        for (var i = 0; i < 4; i++)
        {
            var put = await store.PutAsync("/r/k", i.ToString());
            Assert.Equal(i.ToString(), (await store.GetAsync("/r/k"))!.Value);
            Assert.True(put.Succeeded);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("127.0.0.1:2379")]
    [InlineData("ftp://127.0.0.1:2379")]
    [InlineData("http://127.0.0.1:2379/v3")]
    [InlineData("http://127.0.0.1:2379,https://127.0.0.1:2380")]
    public async Task Malformed_endpoint_lists_are_refused(string endpoints) =>
        await Assert.ThrowsAnyAsync<ArgumentException>(() => EtcdConfigStore.ConnectAsync(endpoints));
}
