namespace Gatehouse.Storage;

/// <summary>What a watch delivers, in revision order.</summary>
public abstract record WatchEvent
{
    /// <summary>A key was created or replaced at <see cref="StoreItem.ModRevision"/>.</summary>
    public sealed record Put(StoreItem Item) : WatchEvent;

    /// <summary>A key was deleted at <paramref name="Revision"/>.</summary>
    public sealed record Deleted(string Key, long Revision) : WatchEvent;

    /// <summary>
    /// The requested start revision is no longer retained: the watcher must resync from a full
    /// <see cref="IConfigStore.ListPagesAsync"/> and watch again from that listing's revision + 1. The watch ends after this.
    /// </summary>
    public sealed record Compacted(long CompactedRevision) : WatchEvent;
}
