using Gatehouse.Hosting.Errors;
using Gatehouse.Storage;

namespace Gatehouse.ControlPlane.Configuration;

/// <summary>
/// Runs an admin write as read → check → conditional commit, conditioned on the write fence so the cross-key
/// rules checked against the read still hold when the commit lands (DESIGN.md §6; docs/decisions.md).
/// A commit that loses a race is retried from a fresh read.
/// </summary>
public sealed class FencedWriter(IConfigStore store, ConfigReader reader)
{
    private const int MaxAttempts = 20;

    /// <summary>
    /// <paramref name="plan"/> inspects the state and returns the conditions and mutations to commit (null = nothing
    /// to write, e.g. a dry run), or throws an <see cref="Gatehouse.Hosting.Errors.ApiError"/>. Returns the state and the commit revision.
    /// </summary>
    public async Task<(ConfigState State, long Revision)> WriteAsync(
        Func<ConfigState, WritePlan?> plan, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var state = await reader.ReadAsync(cancellationToken);
            var write = plan(state);
            if (write is null) return (state, 0);
            var conditions = write.Conditions.Append(new StoreCondition(StoreKeys.WriteFence, state.FenceRevision)).ToList();
            var mutations = write.Mutations.Append(new StoreMutation.Put(StoreKeys.WriteFence, "{}")).ToList();
            var result = await store.CommitAsync(conditions, mutations, cancellationToken);
            if (result.Succeeded) return (state, result.Revision);
            if (attempt == MaxAttempts)
                throw new StoreUnavailableException("The configuration kept changing during the write; try again.");
            await Task.Delay(Random.Shared.Next(1, 5 * attempt), cancellationToken);
        }
    }
}

/// <summary>The conditional commit an admin write wants.</summary>
public sealed record WritePlan(IReadOnlyList<StoreCondition> Conditions, IReadOnlyList<StoreMutation> Mutations);
