namespace Gatehouse.ControlPlane.Acme;

/// <summary>
/// The ACME side of a managed SSL object, stored under <c>/gatehouse-acme/managed/{id}</c> (the object's id). The
/// certificate itself is an ordinary SSL object at <c>/gatehouse/ssls/{id}</c> once issued.
/// </summary>
/// <param name="State"><c>pending</c> (never issued), <c>valid</c>, <c>ordering</c> (an attempt runs), <c>failed</c> (retrying).</param>
/// <param name="Failures">Failed attempts in a row (the backoff's exponent).</param>
/// <param name="LeaseOwner">The node working on an order, while <paramref name="LeaseUntil"/> is in the future.</param>
/// <param name="Orders">How many orders were placed for this object (every node, all time).</param>
/// <param name="IssuedAt">When the first certificate was stored; null while the object is pending.</param>
public sealed record ManagedRecord(
    string Id,
    string Issuer,
    IReadOnlyList<string> Domains,
    string Challenge,
    IReadOnlyList<string> Labels,
    string State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? NextAttemptAt,
    string? Error,
    DateTimeOffset? RenewAfter,
    int Failures,
    string? LeaseOwner,
    DateTimeOffset? LeaseUntil,
    int Orders,
    IReadOnlyList<AcmeHistoryEntry> History,
    DateTimeOffset? IssuedAt = null)
{
    /// <summary>The most history entries kept per object.</summary>
    public const int MaxHistory = 20;

    /// <summary>
    /// Whether a certificate was ever stored for the object (records written before <see cref="IssuedAt"/> existed
    /// tell it by their history); one that never was is listed as <c>pending</c>.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool WasIssued => IssuedAt is not null || History.Any(h => h.Outcome is "issued" or "renewed");

    public ManagedRecord WithHistory(AcmeHistoryEntry entry) =>
        this with { History = [.. History.Skip(Math.Max(0, History.Count - MaxHistory + 1)), entry] };
}

/// <summary>One attempt's outcome: <c>issued</c>, <c>renewed</c> or <c>failed</c>, with the new certificate's end or the error.</summary>
public sealed record AcmeHistoryEntry(DateTimeOffset At, string Outcome, string? Detail, DateTimeOffset? NotAfter, string? FingerprintSha256);
