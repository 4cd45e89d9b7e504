namespace Gatehouse.ControlPlane.Acme;

/// <summary>A managed SSL object not issued yet: <c>status: pending</c>, no certificate, its <c>acme</c> facts.</summary>
internal sealed record PendingSslView(
    string Id,
    string Type,
    string? Certificate,
    IReadOnlyList<string> Labels,
    bool Fallback,
    IReadOnlyList<string> Snis,
    string Status,
    IReadOnlyList<string> Warnings,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Revision,
    AcmeFactsView Acme)
{
    public static PendingSslView From(ManagedRecord record, long revision) =>
        new(record.Id, "server", null, record.Labels, false, [], "pending", [], record.CreatedAt.ToUniversalTime(),
            (record.LastAttemptAt ?? record.CreatedAt).ToUniversalTime(), revision, AcmeFactsView.From(record));
}
