using Gatehouse.Configuration;
using Gatehouse.Storage;
using Gatehouse.Gateway.Configuration;

namespace Gatehouse.Gateway.Tests.Configuration;

public sealed class SnapshotHolderTests
{
    private static readonly ConfigCodec Codec = new(TimeProvider.System);

    private static GatewaySnapshot At(long revision) => Of(new StoreItem(StoreKeys.WriteFence, "{}", revision, 1));

    /// <summary>A snapshot of one stored item (at that item's revision), without routes.</summary>
    private static GatewaySnapshot Of(StoreItem item) => new(ConfigModel.Load([item], item.ModRevision, Codec),
        System.Collections.Immutable.ImmutableDictionary<string, Gatehouse.Gateway.Routing.ServiceRoute>.Empty,
        Gatehouse.Gateway.Routing.RouteTable.Empty, Gatehouse.Gateway.Routing.RouteTable.Empty);

    [Fact]
    public void Starts_empty_and_not_loaded()
    {
        var holder = new SnapshotHolder();

        Assert.Same(GatewaySnapshot.Empty, holder.Current);
        Assert.False(holder.IsLoaded);
        Assert.False(holder.FirstLoaded.IsCompleted);
    }

    [Fact]
    public async Task First_publish_completes_first_loaded()
    {
        var holder = new SnapshotHolder();
        var first = At(3);

        holder.Publish(first);

        await holder.FirstLoaded.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(holder.IsLoaded);
        Assert.Same(first, holder.Current);
    }

    [Fact]
    public void Publish_swaps_the_current_snapshot_and_tells_listeners()
    {
        var holder = new SnapshotHolder();
        var published = new List<GatewaySnapshot>();
        holder.Published += published.Add;
        var first = At(3);
        var second = At(4);

        holder.Publish(first);
        holder.Publish(second);

        Assert.Same(second, holder.Current);
        Assert.Equal([first, second], published);
        Assert.True(holder.FirstLoaded.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Concurrent_readers_see_whole_snapshots_in_publish_order_while_it_swaps()
    {
        const int Swaps = 20_000;
        var holder = new SnapshotHolder();
        // Each snapshot carries its revision twice (the revision and its one bad key): a torn read would disagree.
        var snapshots = Enumerable.Range(1, Swaps).Select(r => Of(new StoreItem(StoreKeys.Ssl($"r{r}"), "bad", r, r))).ToArray();
        using var start = new Barrier(5);
        var done = 0;

        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait();
            long last = 0, reads = 0;
            while (Volatile.Read(ref done) == 0 || reads == 0)
            {
                var current = holder.Current;
                if (current.Revision < last) return $"revision went back from {last} to {current.Revision}";
                if (current.Revision > 0 && current.BadKeys[0] != StoreKeys.Ssl($"r{current.Revision}")) return $"torn snapshot at {current.Revision}";
                last = current.Revision;
                reads++;
            }
            return holder.Current.Revision == Swaps ? null : $"ended on {holder.Current.Revision}";
        })).ToArray();
        var writer = Task.Run(() =>
        {
            start.SignalAndWait();
            foreach (var snapshot in snapshots) holder.Publish(snapshot);
            Volatile.Write(ref done, 1);
        });

        await writer.WaitAsync(TimeSpan.FromSeconds(30));
        var problems = await Task.WhenAll(readers).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(problems, Assert.Null);
        Assert.Same(snapshots[^1], holder.Current);
    }
}
