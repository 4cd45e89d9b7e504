namespace Gatehouse.Storage;

/// <summary>How listings are read in pages (DESIGN.md §11), and the whole-prefix read built on them.</summary>
public static class StorePaging
{
    /// <summary>
    /// Items per store page: about 3 MB of SSL objects of typical size (6 KB each), well below a gRPC message's
    /// customary 4 MiB, so a configuration of 100 000 objects travels in 200 messages rather than one of 600 MB.
    /// </summary>
    public const int DefaultPageSize = 500;

    /// <summary>
    /// Reads every key under <paramref name="prefix"/>, page by page at one pinned revision, into one listing in
    /// <see cref="StringComparer.Ordinal"/> key order. For small prefixes (tokens, sessions) and tests; the
    /// configuration feed consumes the pages one by one instead.
    /// </summary>
    public static async Task<StoreListing> ListAsync(this IConfigStore store, string prefix, CancellationToken cancellationToken = default)
    {
        var items = new List<StoreItem>();
        long revision = 0;
        await foreach (var page in store.ListPagesAsync(prefix, DefaultPageSize, cancellationToken))
        {
            items.AddRange(page.Items);
            revision = page.Revision;
        }
        // Backends page in UTF-8 byte order, which differs from UTF-16 ordinal order above U+FFFF.
        items.Sort((left, right) => string.CompareOrdinal(left.Key, right.Key));
        return new StoreListing(items, revision);
    }
}
