namespace Gatehouse.ControlPlane.Acme;

/// <summary>The response shape of an ACME issuer: the EAB key id but never its MAC key, and never the account key.</summary>
internal sealed record IssuerView(
    string Id,
    string DirectoryUrl,
    IReadOnlyList<string> Contact,
    string KeyType,
    string? CaCertificate,
    IssuerEabView? Eab,
    string? AccountUrl,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Revision)
{
    public static IReadOnlySet<string> ReadOnlyFields { get; } = new HashSet<string> { "id", "account_url", "created_at", "updated_at", "revision" };

    public static IssuerView From(IssuerRecord record, long revision) =>
        new(record.Id, record.DirectoryUrl, record.Contact, record.KeyType, record.CaCertificate,
            record.EabKid is null ? null : new IssuerEabView(record.EabKid), record.AccountUrl,
            record.CreatedAt.ToUniversalTime(), record.UpdatedAt.ToUniversalTime(), revision);
}

/// <summary>The external account binding as shown: its key id only.</summary>
internal sealed record IssuerEabView(string Kid);
