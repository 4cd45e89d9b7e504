namespace Gatehouse.Storage;

/// <summary>A consistent read of every key under a prefix, taken at <see cref="Revision"/>.</summary>
/// <param name="Items">The items in ordinal key order.</param>
/// <param name="Revision">The store's global revision at the moment of the read; watch from <c>Revision + 1</c>.</param>
public sealed record StoreListing(IReadOnlyList<StoreItem> Items, long Revision);
