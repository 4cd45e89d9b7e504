namespace Gatehouse.Storage.Sqlite;

/// <summary>Wakes in-process watches when a commit lands: one task per commit, swapped atomically.</summary>
internal sealed class CommitSignal
{
    private TaskCompletionSource _next = Create();

    /// <summary>Completes at the next <see cref="Raise"/>; take it <em>before</em> reading, so no commit slips between.</summary>
    public Task NextCommit => Volatile.Read(ref _next).Task;

    public void Raise() => Interlocked.Exchange(ref _next, Create()).TrySetResult();

    // Continuations run on the thread pool, never inline on the committing writer's thread.
    private static TaskCompletionSource Create() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
