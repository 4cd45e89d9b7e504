using Gatehouse.Core.Ssl;
using Gatehouse.Storage;

namespace Gatehouse.Configuration;

/// <summary>Building a model from a full listing of the store (start-up, and a resync after compaction).</summary>
public sealed partial class ConfigModel
{
    /// <summary>
    /// Builds the model of a full listing at <paramref name="revision"/>. Objects that <paramref name="previous"/> already
    /// holds at the same revision are reused, not parsed again (a resync after compaction parses only what changed);
    /// the others are parsed on every core.
    /// </summary>
    public static ConfigModel Load(IReadOnlyList<StoreItem> items, long revision, ConfigCodec codec, ConfigModel? previous = null)
    {
        var builder = new Builder(Empty);
        AddPage(builder, items, codec, previous);
        builder.Revision = revision;
        return builder.ToModel();
    }

    /// <summary>
    /// Builds the model of a paged listing (DESIGN.md §11) as a pipeline of pages: while one page's objects are put into
    /// the indexes (one thread), the next page's values are parsed (on every core, reusing what <paramref name="previous"/>
    /// holds at the same revision) and the one after is read, so at most three pages of the raw configuration are in
    /// memory at once. Every page carries the listing's pinned revision.
    /// </summary>
    public static async Task<ConfigModel> LoadAsync(IAsyncEnumerable<StoreListing> pages, ConfigCodec codec, ConfigModel? previous,
        CancellationToken cancellationToken)
    {
        var builder = new Builder(Empty);
        long? revision = null;
        await using var reader = pages.GetAsyncEnumerator(cancellationToken);
        var next = ReadAheadAsync(reader);
        Task<ParsedPage>? parsing = null;
        try
        {
            while (true)
            {
                StoreListing? page = await next ? reader.Current : null;
                if (page is not null)
                {
                    if (revision is { } pinned && pinned != page.Revision)
                        throw new InvalidOperationException($"A paged listing moved from revision {pinned} to {page.Revision}.");
                    revision = page.Revision;
                    next = ReadAheadAsync(reader);
                }
                var ready = parsing is null ? null : await parsing;
                parsing = page is null ? null : Task.Run(() => ParsedPage.Of(page.Items, codec, previous), cancellationToken);
                ready?.AddTo(builder, codec);
                if (page is null) break;
            }
        }
        catch
        {
            await SettleAsync(next);
            if (parsing is not null) await SettleAsync(parsing);
            throw;
        }
        builder.Revision = revision ?? 0;
        return builder.ToModel();
    }

    /// <summary>Waits for a read-ahead whose page is no longer wanted (the enumerator is disposed after it); its failure is superseded.</summary>
    private static async Task SettleAsync(Task next)
    {
        try
        {
            await next;
        }
        catch (Exception)
        {
            // The exception being thrown by the caller is the one that matters.
        }
    }

    /// <summary>Moves <paramref name="reader"/> on a pool thread (store clients may complete synchronously).</summary>
    private static Task<bool> ReadAheadAsync(IAsyncEnumerator<StoreListing> reader) => Task.Run(() => reader.MoveNextAsync().AsTask());

    private static void AddPage(Builder builder, IReadOnlyList<StoreItem> items, ConfigCodec codec, ConfigModel? previous) =>
        ParsedPage.Of(items, codec, previous).AddTo(builder, codec);

    /// <summary>One page of a listing with its SSL objects parsed (on every core); other keys are decoded when added.</summary>
    private sealed class ParsedPage(IReadOnlyList<StoreItem> items, SslObjectModel?[] ssls)
    {
        public static ParsedPage Of(IReadOnlyList<StoreItem> items, ConfigCodec codec, ConfigModel? previous)
        {
            var parsed = new SslObjectModel?[items.Count];
            Parallel.For(0, items.Count, i =>
            {
                var item = items[i];
                if (!item.Key.StartsWith(StoreKeys.Ssls, StringComparison.Ordinal)) return;
                parsed[i] = previous?.Ssls.GetValueOrDefault(item.Key[StoreKeys.Ssls.Length..]) is { } known && known.Revision == item.ModRevision
                    ? known
                    : codec.LoadSsl(item);
            });
            return new ParsedPage(items, parsed);
        }

        /// <summary>Puts the page into <paramref name="builder"/> in key order (one thread: the builders are not thread-safe).</summary>
        public void AddTo(Builder builder, ConfigCodec codec)
        {
            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i];
                if (item.Key.StartsWith(StoreKeys.Ssls, StringComparison.Ordinal)) builder.PutSsl(item, ssls[i]);
                else builder.Put(item, codec);
            }
        }
    }
}
