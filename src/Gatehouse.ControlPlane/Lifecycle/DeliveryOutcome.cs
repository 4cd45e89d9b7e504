namespace Gatehouse.ControlPlane.Lifecycle;

/// <summary>How one delivery attempt ended: never the URL or the response body (either may hold a secret).</summary>
internal sealed record DeliveryOutcome(bool Delivered, int? Status, string? Error);
