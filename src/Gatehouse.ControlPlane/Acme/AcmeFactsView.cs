namespace Gatehouse.ControlPlane.Acme;

/// <summary>The read-only <c>acme</c> facts of a managed SSL object (DESIGN.md §12).</summary>
public sealed record AcmeFactsView(
    string Issuer,
    IReadOnlyList<string> Domains,
    string Challenge,
    string State,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? NextAttemptAt,
    string? Error,
    DateTimeOffset? RenewAfter,
    int Failures,
    int Orders,
    IReadOnlyList<AcmeHistoryEntry> History)
{
    public static AcmeFactsView From(ManagedRecord record) =>
        new(record.Issuer, record.Domains, record.Challenge, record.State, record.LastAttemptAt, record.NextAttemptAt, record.Error,
            record.RenewAfter, record.Failures, record.Orders, record.History);
}
