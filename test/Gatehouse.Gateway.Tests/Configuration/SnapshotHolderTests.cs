using Gatehouse.Core.Ssl;
using Gatehouse.Gateway.Configuration;

namespace Gatehouse.Gateway.Tests.Configuration;

public sealed class SnapshotHolderTests
{
    private static GatewaySnapshot At(long revision) =>
        new(revision, new Dictionary<string, ServedSslObject>(), new Dictionary<string, SslObjectModel>(), []);

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
}
