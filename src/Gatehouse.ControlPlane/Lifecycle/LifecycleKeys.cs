namespace Gatehouse.ControlPlane.Lifecycle;

/// <summary>
/// Where notifiers and events live. They sit beside the configuration root, not under it: no gateway watches them,
/// and no configuration read lists them (docs/decisions.md).
/// </summary>
internal static class LifecycleKeys
{
    public const string Root = "/gatehouse-lifecycle/";
    public const string Notifiers = Root + "notifiers/";
    public const string Events = Root + "events/";

    /// <summary>Events whose deliveries are not finished: the delivery loop lists only these.</summary>
    public const string Pending = Root + "pending/";

    /// <summary>One key per crossing (object, certificate, threshold): created only if absent, so each crossing is recorded once.</summary>
    public const string Claims = Root + "claims/";

    public static string Notifier(string id) => Notifiers + id;

    public static string Event(string id) => Events + id;

    public static string PendingEvent(string id) => Pending + id;

    public static string Claim(string crossing) =>
        Claims + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(crossing)))[..32];
}
