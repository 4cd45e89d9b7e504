namespace Gatehouse.Storage;

/// <summary>The single-key operations of DESIGN.md §6, expressed over <see cref="IConfigStore.CommitAsync"/>.</summary>
public static class ConfigStoreExtensions
{
    /// <summary>
    /// Writes one key. <paramref name="expectedModRevision"/>: null = unconditional, 0 = must not exist,
    /// n = must currently be at mod revision n.
    /// </summary>
    public static Task<CommitResult> PutAsync(this IConfigStore store, string key, string value,
        long? expectedModRevision = null, CancellationToken cancellationToken = default) =>
        store.CommitAsync(Conditions(key, expectedModRevision), [new StoreMutation.Put(key, value)], cancellationToken);

    /// <summary>Deletes one key, with the same meaning of <paramref name="expectedModRevision"/> as <see cref="PutAsync"/>.</summary>
    public static Task<CommitResult> DeleteAsync(this IConfigStore store, string key,
        long? expectedModRevision = null, CancellationToken cancellationToken = default) =>
        store.CommitAsync(Conditions(key, expectedModRevision), [new StoreMutation.Delete(key)], cancellationToken);

    private static IReadOnlyList<StoreCondition> Conditions(string key, long? expected) =>
        expected is { } revision ? [new StoreCondition(key, revision)] : [];
}
