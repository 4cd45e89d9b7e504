using System.Runtime.CompilerServices;
using Gatehouse.Storage;
using Gatehouse.Testing.Pki;
using static Gatehouse.Configuration.Tests.StoredItems;

namespace Gatehouse.Configuration.Tests;

/// <summary>
/// <see cref="ConfigModel.LoadAsync"/> runs pages as a pipeline (read one, parse the next, index the one before): every
/// page lands in key order, and a failing or moving listing fails the load instead of publishing part of it.
/// </summary>
public sealed class ConfigModelPagedLoadTests
{
    private static readonly TestCert[] Certs = [.. Enumerable.Range(0, 7).Select(i => ServerCert($"p{i}.test"))];

    private readonly StoredItems _items = new();

    private List<StoreItem> Items() =>
        [.. Certs.Select((cert, i) => _items.Ssl($"o{i}", cert, 10 + i)), new StoreItem(StoreKeys.WriteFence, "{}", 20, 20)];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(100)]
    public async Task Every_page_is_loaded_whatever_the_page_size(int pageSize)
    {
        var items = Items();

        var model = await ConfigModel.LoadAsync(Pages(items, pageSize, revision: 30), _items.Codec, null, CancellationToken.None);

        Assert.Equal(30, model.Revision);
        Assert.Equal(20, model.FenceRevision);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"o{i}"), model.Ssls.Keys.Order(StringComparer.Ordinal));
        Assert.All(Enumerable.Range(0, 7), i => Assert.Equal($"o{i}", model.Sni.Select($"p{i}.test", Now)?.Id));
    }

    [Fact]
    public async Task A_page_that_cannot_be_read_fails_the_load()
    {
        var failure = new IOException("page 3 lost");

        var thrown = await Assert.ThrowsAsync<IOException>(() =>
            ConfigModel.LoadAsync(Pages(Items(), 2, revision: 30, failAtPage: 3, failure: failure), _items.Codec, null, CancellationToken.None));

        Assert.Same(failure, thrown);
    }

    [Fact]
    public async Task A_listing_whose_revision_moves_between_pages_fails_the_load()
    {
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ConfigModel.LoadAsync(Pages(Items(), 2, revision: 30, moveAtPage: 2), _items.Codec, null, CancellationToken.None));

        Assert.Contains("moved from revision 30 to 31", thrown.Message);
    }

    private static async IAsyncEnumerable<StoreListing> Pages(List<StoreItem> items, int pageSize, long revision, int failAtPage = -1,
        Exception? failure = null, int moveAtPage = -1, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var page = 0;
        foreach (var chunk in items.Chunk(pageSize))
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            if (page == failAtPage) throw failure!;
            yield return new StoreListing(chunk, page >= moveAtPage && moveAtPage >= 0 ? revision + 1 : revision);
            page++;
        }
    }
}
