using Gatehouse.Storage;
using Xunit;

namespace Gatehouse.Testing.Storage;

public abstract partial class ConfigStoreConformanceTests
{
    [Fact]
    public async Task Expected_revision_zero_creates_an_absent_key_and_refuses_an_existing_one()
    {
        await using var store = await CreateStoreAsync();
        var created = await store.PutAsync("/t/k", "first", expectedModRevision: 0);
        Assert.True(created.Succeeded);

        var refused = await store.PutAsync("/t/k", "second", expectedModRevision: 0);

        Assert.Equal(new CommitResult(false, created.Revision), refused);
        Assert.Equal("first", (await store.GetAsync("/t/k"))!.Value);
        Assert.Equal(created.Revision, await CurrentRevisionAsync(store));
    }

    [Fact]
    public async Task A_stale_expected_revision_is_refused_and_writes_nothing()
    {
        await using var store = await CreateStoreAsync();
        var first = (await store.PutAsync("/t/k", "v1")).Revision;
        var second = (await store.PutAsync("/t/k", "v2")).Revision;

        Assert.Equal(new CommitResult(false, second), await store.PutAsync("/t/k", "v3", expectedModRevision: first));
        Assert.Equal(new CommitResult(false, second), await store.DeleteAsync("/t/k", expectedModRevision: first));
        Assert.Equal(new CommitResult(false, second), await store.PutAsync("/t/absent", "x", expectedModRevision: first));

        Assert.Equal(new StoreItem("/t/k", "v2", second, first), await store.GetAsync("/t/k"));
        Assert.Null(await store.GetAsync("/t/absent"));
        Assert.Equal(new CommitResult(true, second + 1), await store.PutAsync("/t/k", "v3", expectedModRevision: second));
    }

    [Fact]
    public async Task A_multi_key_commit_is_all_or_nothing()
    {
        await using var store = await CreateStoreAsync();
        var a = (await store.PutAsync("/t/a", "a1")).Revision;
        var b = (await store.PutAsync("/t/b", "b1")).Revision;
        StoreMutation[] mutations =
            [new StoreMutation.Put("/t/a", "a2"), new StoreMutation.Delete("/t/b"), new StoreMutation.Put("/t/c", "c1")];

        var refused = await store.CommitAsync(
            [new StoreCondition("/t/a", a), new StoreCondition("/t/b", a), new StoreCondition("/t/c", 0)], mutations);

        Assert.Equal(new CommitResult(false, b), refused);
        Assert.Equal(new StoreItem("/t/a", "a1", a, a), await store.GetAsync("/t/a"));
        Assert.Equal(new StoreItem("/t/b", "b1", b, b), await store.GetAsync("/t/b"));
        Assert.Null(await store.GetAsync("/t/c"));
        Assert.Equal(b, await CurrentRevisionAsync(store));

        var applied = await store.CommitAsync(
            [new StoreCondition("/t/a", a), new StoreCondition("/t/b", b), new StoreCondition("/t/c", 0)], mutations);

        Assert.Equal(new CommitResult(true, b + 1), applied);
        Assert.Equal(new StoreItem("/t/a", "a2", b + 1, a), await store.GetAsync("/t/a"));
        Assert.Null(await store.GetAsync("/t/b"));
        Assert.Equal(new StoreItem("/t/c", "c1", b + 1, b + 1), await store.GetAsync("/t/c"));
    }

    [Fact]
    public async Task Concurrent_conditional_increments_lose_no_update()
    {
        const int Writers = 8;
        const int IncrementsEach = 25;
        await using var store = await CreateStoreAsync();
        var start = await CurrentRevisionAsync(store);

        var writers = Enumerable.Range(0, Writers).Select(_ => Task.Run(() => IncrementAsync(store, IncrementsEach)));
        var revisions = (await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(60))).SelectMany(r => r).ToList();

        var counter = await store.GetAsync("/t/counter");
        Assert.NotNull(counter);
        Assert.Equal((Writers * IncrementsEach).ToString(), counter.Value);
        Assert.Equal(Writers * IncrementsEach, revisions.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, Writers * IncrementsEach).Select(i => start + i), revisions.Order());
        Assert.Equal(start + Writers * IncrementsEach, counter.ModRevision);
    }

    private static async Task<List<long>> IncrementAsync(IConfigStore store, int count)
    {
        var revisions = new List<long>();
        while (revisions.Count < count)
        {
            var current = await store.GetAsync("/t/counter");
            var next = (current is null ? 0 : int.Parse(current.Value)) + 1;
            // Widen the read-modify-write window so that writers really interleave.
            await Task.Delay(Random.Shared.Next(2));
            var result = await store.PutAsync("/t/counter", next.ToString(), current?.ModRevision ?? 0);
            if (result.Succeeded)
            {
                revisions.Add(result.Revision);
            }
        }

        return revisions;
    }
}
