namespace Gatehouse.ControlPlane.Lifecycle;

/// <summary>
/// The delivery of one event to one notifier. <see cref="LeaseUntil"/> marks an attempt in flight: while it lasts, no
/// other control plane attempts this delivery (a crashed attempt is retried once it has passed: at least once).
/// </summary>
internal sealed record DeliveryRecord(
    string NotifierId,
    DeliveryState State,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset? LastAttemptAt,
    int? LastStatus,
    string? LastError,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset? LeaseUntil);

/// <summary>Where a delivery stands.</summary>
internal enum DeliveryState
{
    /// <summary>Not delivered yet; retried with backoff.</summary>
    Pending,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>Given up after the retry window, or the notifier was deleted.</summary>
    Failed,
}
