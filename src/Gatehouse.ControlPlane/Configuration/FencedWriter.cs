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
/// </summary>
public sealed class FencedWriter(IConfigStore store, ConfigModelHolder holder)
{
    private const int MaxAttempts = 20;
    private static readonly TimeSpan CatchUpTimeout = TimeSpan.FromSeconds(30);
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
            var conditions = write.Conditions.Append(new StoreCondition(StoreKeys.WriteFence, model.FenceRevision)).ToList();
            var mutations = write.Mutations.Append(new StoreMutation.Put(StoreKeys.WriteFence, "{}")).ToList();
            var result = await store.CommitAsync(conditions, mutations, cancellationToken);
            if (result.Succeeded)
                return (await CatchUpAsync(m => mutations.All(x => m.HasApplied(x, result.Revision)), cancellationToken), result.Revision);
            if (attempt == MaxAttempts)
                throw new StoreUnavailableException("The configuration kept changing during the write; try again.");
            // Lost a race: whatever won is in the store at result.Revision; plan again once the model has it.
            await CatchUpAsync(m => m.Revision >= result.Revision, cancellationToken);
        }
    }

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
