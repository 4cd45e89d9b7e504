using Gatehouse.Core.Validation;
using Gatehouse.Configuration;
using Gatehouse.Storage;

namespace Gatehouse.ControlPlane.Configuration;

/// <summary>
/// Runs an admin write as check → conditional commit against the in-memory model, conditioned on the write fence at
/// the model's revision so the cross-key rules checked against the model still hold when the commit lands
/// (DESIGN.md §6, §11; docs/decisions.md). A commit that loses a race waits for the model to catch up with the store,
/// then is planned again. A successful write returns only once the model reflects it (read-your-writes).
/// Writes through one control plane take turns, so they never race each other: each plans on a model that already
/// holds the one before it. Only writes from other control planes can make a commit lose.
/// A commit whose answer is lost (the store member handling it went away mid-request: it may or may not have been
/// applied) is settled through the fence, which every write puts with a value unique to it: the fence holding that
/// value means the commit landed; the fence unchanged means it has not, and the same conditional commit is sent again
/// (both carry the same fence condition, so at most one of them can ever apply); any other fence means another write
/// won and this one never will (docs/decisions.md).
/// </summary>
public sealed class FencedWriter(IConfigStore store, ConfigModelHolder holder)
{
    private const int MaxAttempts = 20;
    private static readonly TimeSpan CatchUpTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(20);
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>
    /// <paramref name="plan"/> inspects the model and returns the conditions and mutations to commit (null = nothing
    /// to write, e.g. a dry run), or throws an <see cref="DomainError"/>. Returns the model that reflects the commit
    /// (the planned one when nothing was written) and the commit revision (0 when nothing was written).
    /// </summary>
    public async Task<(ConfigModel Model, long Revision)> WriteAsync(Func<ConfigModel, WritePlan?> plan, CancellationToken cancellationToken)
    {
        await holder.Loaded.WaitAsync(cancellationToken);
        await _turn.WaitAsync(cancellationToken);
        try
        {
            return await WriteInTurnAsync(plan, cancellationToken);
        }
        finally
        {
            _turn.Release();
        }
    }

    private async Task<(ConfigModel Model, long Revision)> WriteInTurnAsync(Func<ConfigModel, WritePlan?> plan, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var model = holder.Current;
            var write = plan(model);
            if (write is null) return (model, 0);
            var fence = FenceValue();
            var conditions = write.Conditions.Append(new StoreCondition(StoreKeys.WriteFence, model.FenceRevision)).ToList();
            var mutations = write.Mutations.Append(new StoreMutation.Put(StoreKeys.WriteFence, fence)).ToList();
            CommitResult result;
            try
            {
                result = await store.CommitAsync(conditions, mutations, cancellationToken);
            }
            catch (StoreUnavailableException) when (!cancellationToken.IsCancellationRequested)
            {
                result = await SettleAsync(conditions, mutations, model.FenceRevision, fence, cancellationToken);
            }
            if (result.Succeeded)
                return (await CatchUpAsync(m => mutations.All(x => m.HasApplied(x, result.Revision)), cancellationToken), result.Revision);
            if (attempt == MaxAttempts)
                throw new StoreUnavailableException("The configuration kept changing during the write; try again.");
            // Lost a race: whatever won is in the store at result.Revision; plan again once the model has it.
            await CatchUpAsync(m => m.Revision >= result.Revision, cancellationToken);
        }
    }

    /// <summary>
    /// Decides a commit whose answer was lost, from the fence (see the class remarks); retries while the store stays
    /// unreachable, for up to <see cref="SettleTimeout"/>, then throws <see cref="StoreUnavailableException"/>.
    /// </summary>
    private async Task<CommitResult> SettleAsync(IReadOnlyList<StoreCondition> conditions, IReadOnlyList<StoreMutation> mutations,
        long fenceRevision, string fence, CancellationToken cancellationToken)
    {
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(50);
        CommitResult? refused = null;
        while (true)
        {
            try
            {
                var current = await store.GetAsync(StoreKeys.WriteFence, cancellationToken);
                if (current is not null && current.Value == fence) return new CommitResult(true, current.ModRevision);
                var currentRevision = current?.ModRevision ?? 0;
                // Another write moved the fence: this commit's fence condition can never hold again.
                if (currentRevision != fenceRevision) return new CommitResult(false, Math.Max(currentRevision, refused?.Revision ?? 0));
                // The fence is where it was and a resent commit was refused: one of this write's own conditions failed.
                if (refused is not null) return refused;
                var again = await store.CommitAsync(conditions, mutations, cancellationToken);
                if (again.Succeeded) return again;
                refused = again; // refused: the first attempt may have landed meanwhile; the fence says which
                continue;
            }
            catch (StoreUnavailableException) when (!cancellationToken.IsCancellationRequested && elapsed.Elapsed + delay < SettleTimeout)
            {
            }
            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(1).Ticks));
        }
    }

    // Unique per write, so the fence tells whose commit moved it; nothing reads it but SettleAsync.
    private static string FenceValue() => $"{{\"write\":\"{Guid.NewGuid():N}\"}}";

    private async Task<ConfigModel> CatchUpAsync(Func<ConfigModel, bool> condition, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CatchUpTimeout);
        try
        {
            return await holder.WaitUntilAsync(condition, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StoreUnavailableException("The write was committed, but this control plane has not received it from the store yet; read it again shortly.");
        }
    }
}

/// <summary>The conditional commit an admin write wants.</summary>
public sealed record WritePlan(IReadOnlyList<StoreCondition> Conditions, IReadOnlyList<StoreMutation> Mutations);
