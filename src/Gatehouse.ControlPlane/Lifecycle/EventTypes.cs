namespace Gatehouse.ControlPlane.Lifecycle;

/// <summary>The event types of DESIGN.md §12.</summary>
internal static class EventTypes
{
    public const string Expiring = "ssl.expiring";
    public const string Expired = "ssl.expired";
    public const string Revoked = "ssl.revoked";
    public const string AcmeRenewed = "acme.renewed";
    public const string AcmeFailed = "acme.failed";

    public static IReadOnlyList<string> All { get; } = [Expiring, Expired, Revoked, AcmeRenewed, AcmeFailed];
}
