namespace Gatehouse.ControlPlane.Lifecycle;

/// <summary>
/// An event as stored under <c>/gatehouse-lifecycle/events/{id}</c>: what happened, to which object, and one delivery
/// per notifier that wanted it when it was recorded.
/// </summary>
/// <param name="Detail">For <c>acme.failed</c>: what went wrong; for <c>acme.renewed</c>: the order's outcome.</param>
/// <param name="ThresholdDays">For <c>ssl.expiring</c>: the threshold crossed (the tightest, when several were crossed at once).</param>
internal sealed record EventRecord(
    string Id,
    string Type,
    DateTimeOffset OccurredAt,
    int? ThresholdDays,
    EventSsl Ssl,
    IReadOnlyList<DeliveryRecord> Deliveries,
    string? Detail = null)
{
    /// <summary>True when no delivery is waiting for another attempt.</summary>
    public bool IsSettled => Deliveries.All(d => d.State != DeliveryState.Pending);
}

/// <summary>
/// The object an event is about, as it was when the event was recorded. <c>not_after</c> and <c>fingerprint_sha256</c> are
/// null only for a managed object whose first ACME order failed (it has no certificate yet).
/// </summary>
internal sealed record EventSsl(string Id, string? Name, IReadOnlyList<string> Snis, DateTimeOffset? NotAfter, string? FingerprintSha256);
