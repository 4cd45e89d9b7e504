namespace Gatehouse.ControlPlane.Lifecycle;

/// <summary>The response shape of a notifier: the secret is never returned, only whether one is set.</summary>
internal sealed record NotifierView(
    string Id,
    string Url,
    bool HasSecret,
    IReadOnlyList<int> ThresholdsDays,
    IReadOnlyList<string>? Events,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Revision)
{
    public static IReadOnlySet<string> ReadOnlyFields { get; } = new HashSet<string>
    {
        "id", "has_secret", "created_at", "updated_at", "revision",
    };

    public static NotifierView From(NotifierRecord record, long revision) => new(record.Id, record.Url, record.Secret is not null,
        record.ThresholdsDays, record.Events, record.CreatedAt.ToUniversalTime(), record.UpdatedAt.ToUniversalTime(), revision);
}
