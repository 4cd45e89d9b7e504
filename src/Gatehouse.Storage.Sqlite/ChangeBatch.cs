namespace Gatehouse.Storage.Sqlite;

/// <summary>One read of the change log by a watch.</summary>
/// <param name="Events">Changes under the prefix, in revision order.</param>
/// <param name="NextRevision">Where the next read starts.</param>
/// <param name="MoreAvailable">The read stopped at its size limit; read again without waiting.</param>
/// <param name="CompactedRevision">Set when the requested history is gone; the watch must end.</param>
internal sealed record ChangeBatch(IReadOnlyList<WatchEvent> Events, long NextRevision, bool MoreAvailable, long? CompactedRevision);
