namespace Gatehouse.Storage;

/// <summary>A consistent read of keys under a prefix (all of them, or one page of them), taken at <see cref="Revision"/>.</summary>
/// <param name="Items">The items in key order (ordinal for a whole listing, UTF-8 byte order within and across pages).</param>
/// <param name="Revision">The store's global revision at the moment of the read; watch from <c>Revision + 1</c>.</param>
public sealed record StoreListing(IReadOnlyList<StoreItem> Items, long Revision);
