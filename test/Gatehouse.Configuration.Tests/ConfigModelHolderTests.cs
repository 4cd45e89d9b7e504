using Gatehouse.Storage;

namespace Gatehouse.Configuration.Tests;

/// <summary>Publishing models and waiting for one that reflects a write.</summary>
public sealed class ConfigModelHolderTests
{
    private static ConfigModel At(long revision) =>
        ConfigModel.Load([new StoreItem(StoreKeys.WriteFence, "{}", revision, 1)], revision, new ConfigCodec(TimeProvider.System));

    [Fact]
    public async Task A_waiter_resumes_once_a_model_meets_its_condition()
    {
        var holder = new ConfigModelHolder();
        var waiting = holder.WaitUntilAsync(m => m.Revision >= 5, CancellationToken.None);

        holder.Publish(At(4), ConfigDelta.Everything);
        Assert.False(waiting.IsCompleted);
        holder.Publish(At(6), ConfigDelta.Everything);

        Assert.Equal(6, (await waiting.WaitAsync(TimeSpan.FromSeconds(5))).Revision);
        Assert.Equal(6, (await holder.WaitUntilAsync(m => m.Revision >= 5, CancellationToken.None)).Revision);
    }

    [Fact]
    public void A_subscriber_gets_the_current_model_then_every_later_one()
    {
        var holder = new ConfigModelHolder();
        holder.Publish(At(3), ConfigDelta.Everything);
        var seen = new List<(long, bool)>();

        holder.Subscribe((model, delta) => seen.Add((model.Revision, delta.Reset)));
        holder.Publish(At(4), new ConfigDelta(false, new HashSet<string>(), new HashSet<string>()));

        Assert.Equal([(3, true), (4, false)], seen);
    }
}
