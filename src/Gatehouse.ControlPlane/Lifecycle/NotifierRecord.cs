using Gatehouse.Core.Secrets;

namespace Gatehouse.ControlPlane.Lifecycle;

/// <summary>A webhook as stored under <c>/gatehouse-lifecycle/notifiers/{id}</c>; the HMAC secret is only ciphertext.</summary>
/// <param name="Events">The event types it receives; null = all.</param>
internal sealed record NotifierRecord(
    string Id,
    string Url,
    EncryptedSecret? Secret,
    IReadOnlyList<int> ThresholdsDays,
    IReadOnlyList<string>? Events,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static IReadOnlyList<int> DefaultThresholds { get; } = [30, 14, 7, 1];

    /// <summary>Whether this notifier wants events of <paramref name="type"/>.</summary>
    public bool Wants(string type) => Events is null || Events.Contains(type, StringComparer.Ordinal);
}
