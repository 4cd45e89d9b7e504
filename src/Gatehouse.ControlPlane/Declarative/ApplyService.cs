using Gatehouse.Configuration;
using Gatehouse.ControlPlane.Configuration;
using Gatehouse.ControlPlane.Hosting;
using Gatehouse.Core.Validation;
using Gatehouse.Storage;
using Microsoft.Extensions.Logging;

namespace Gatehouse.ControlPlane.Declarative;

/// <summary>
/// Runs <c>POST /api/v1/apply</c> (DESIGN.md §13): plans against one state, refuses on any error or (unless forced) any guard
/// of the final state, then commits on the write fence — in one transaction when the store's limits allow it, else in
/// ordered chunks, each conditioned on the fence the previous one wrote, so no other write can slip in between. Nothing to
/// change writes nothing and keeps the revision.
/// </summary>
internal sealed partial class ApplyService(IConfigStore store, ConfigModelHolder holder, FencedWriter writer, ApplyPlanner planner, TimeProvider time,
    AuditActor actor, ILogger<ApplyService> logger)
{
    private const int MaxAttempts = 20;

    public async Task<ApplyResult> ApplyAsync(DesiredState desired, IReadOnlyList<ValidationError> shapeErrors, ApplyOptions options,
        Func<ApplyProgress, Task>? progress, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            ApplyPlan? plan = null;
            var chunks = new List<IReadOnlyList<PlannedWrite>>();
            var (state, revision) = await writer.WriteAsync(current =>
            {
                plan = planner.Plan(current, desired, options, shapeErrors, time.GetUtcNow());
                if (plan.Guards.Count > 0 && !options.Force && !options.DryRun)
                {
                    var first = plan.Guards[0];
                    throw new DomainError(DomainErrorKind.Guarded, [new(null, first.Code, "The final configuration trips a guard; review the listed hosts and services, then apply again with --force (?force=true) to commit anyway."), .. plan.Guards]);
                }
                if (options.DryRun || plan.Writes.Count == 0) return null;
                chunks = Chunk(plan.Writes);
                // One transaction: the fenced writer commits it (and retries it from a fresh read on a lost race).
                return chunks.Count == 1 ? new WritePlan([.. plan.Writes.Select(w => w.Condition)], [.. plan.Writes.Select(w => w.Mutation)]) : null;
            }, cancellationToken);
            if (options.DryRun || plan!.Writes.Count == 0) return new ApplyResult(plan!, options.DryRun, plan!.Revision, 0);
            if (chunks.Count == 1)
            {
                if (progress is not null) await progress(new ApplyProgress(plan.Writes.Count, plan.Writes.Count, 1, revision));
                return Done(plan, revision, 1);
            }
            var result = await CommitChunksAsync(plan, chunks, state.FenceRevision, progress, cancellationToken);
            if (result is not null) return result;
            if (attempt == MaxAttempts) throw new StoreUnavailableException("The configuration kept changing before the apply could start; try again.");
        }
    }

    /// <summary>
    /// Commits the chunks in order, each conditioned on the fence revision the previous one left. Null when the first
    /// chunk lost a race (nothing was written: plan again); a later lost race stops the apply with what was committed.
    /// </summary>
    private async Task<ApplyResult?> CommitChunksAsync(ApplyPlan plan, List<IReadOnlyList<PlannedWrite>> chunks, long fence,
        Func<ApplyProgress, Task>? progress, CancellationToken cancellationToken)
    {
        var committed = 0;
        for (var i = 0; i < chunks.Count; i++)
        {
            var chunk = chunks[i];
            var result = await store.CommitAsync(
                [.. chunk.Select(w => w.Condition), new StoreCondition(StoreKeys.WriteFence, fence)],
                [.. chunk.Select(w => w.Mutation), new StoreMutation.Put(StoreKeys.WriteFence, "{}")], cancellationToken);
            if (!result.Succeeded)
            {
                if (i == 0) return null;
                LogInterrupted(logger, actor.Describe(), committed, plan.Writes.Count, fence);
                throw DomainError.Of(DomainErrorKind.Stale, "revision_conflict",
                    $"Another write changed the configuration during the apply: {committed} of {plan.Writes.Count} changes were committed (up to revision {fence}). Run the apply again to finish.");
            }
            fence = result.Revision;
            committed += chunk.Count;
            if (progress is not null) await progress(new ApplyProgress(committed, plan.Writes.Count, i + 1, fence));
        }
        // Read-your-writes (DESIGN.md §11): answered once the model holds the last chunk.
        await holder.WaitUntilAsync(m => m.Revision >= fence, cancellationToken);
        return Done(plan, fence, chunks.Count);
    }

    private ApplyResult Done(ApplyPlan plan, long revision, int commits)
    {
        int Count(string action) => plan.Ssls.Concat(plan.Services).Count(c => c.Action == action);
        LogAudit(logger, actor.Describe(), Count("create"), Count("update"), Count("delete"), commits, revision);
        return new ApplyResult(plan, false, revision, commits);
    }

    /// <summary>
    /// Writes in order, cut where the store's transaction limits would be passed (each chunk also carries the fence's
    /// compare and put).
    /// </summary>
    private List<IReadOnlyList<PlannedWrite>> Chunk(IReadOnlyList<PlannedWrite> writes)
    {
        var maxOps = store.MaxOperationsPerCommit is { } ops ? ops - 1 : int.MaxValue;
        var maxBytes = store.MaxBytesPerCommit ?? long.MaxValue;
        var chunks = new List<IReadOnlyList<PlannedWrite>>();
        var current = new List<PlannedWrite>();
        long bytes = 0;
        foreach (var write in writes)
        {
            var size = write.Mutation.Key.Length * 2L + (write.Mutation is StoreMutation.Put put ? put.Value.Length : 0) + 64;
            if (current.Count > 0 && (current.Count + 1 > maxOps || bytes + size > maxBytes))
            {
                chunks.Add(current);
                (current, bytes) = ([], 0);
            }
            current.Add(write);
            bytes += size;
        }
        if (current.Count > 0) chunks.Add(current);
        return chunks;
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Information,
        Message = "audit: {Actor} apply: {Created} created, {Updated} updated, {Deleted} deleted in {Commits} commit(s) at revision {Revision}")]
    private static partial void LogAudit(ILogger logger, string actor, int created, int updated, int deleted, int commits, long revision);

    [LoggerMessage(EventId = 111, Level = LogLevel.Warning,
        Message = "audit: {Actor} apply interrupted by another write after {Committed} of {Total} changes (revision {Revision})")]
    private static partial void LogInterrupted(ILogger logger, string actor, int committed, int total, long revision);
}
