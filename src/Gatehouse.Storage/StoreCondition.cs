namespace Gatehouse.Storage;

/// <summary>
/// A precondition of a commit: <see cref="Key"/> must currently have mod revision
/// <see cref="ExpectedModRevision"/>; <c>0</c> means the key must not exist.
/// </summary>
public sealed record StoreCondition(string Key, long ExpectedModRevision);
