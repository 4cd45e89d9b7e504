namespace Gatehouse.Storage;

/// <summary>The outcome of <see cref="IConfigStore.CommitAsync"/>.</summary>
/// <param name="Succeeded">False when a condition did not hold; nothing was written then.</param>
/// <param name="Revision">The new global revision when it succeeded, else the current one.</param>
public sealed record CommitResult(bool Succeeded, long Revision);
