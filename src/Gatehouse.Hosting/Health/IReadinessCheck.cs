namespace Gatehouse.Hosting.Health;

/// <summary>One condition <c>/readyz</c> waits for (the store is reachable, the gateway's first snapshot is loaded…).</summary>
public interface IReadinessCheck
{
    string Name { get; }

    /// <summary>Null when ready, else a short reason (never a secret).</summary>
    Task<string?> CheckAsync(CancellationToken cancellationToken);
}
