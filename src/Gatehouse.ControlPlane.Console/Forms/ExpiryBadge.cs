using Gatehouse.ControlPlane.Ssl;

namespace Gatehouse.ControlPlane.Console.Forms;

/// <summary>
/// The expiry badge of an SSL object: revoked (an OCSP responder said so), expired, not yet valid, expires within 30 days, or ok. With an alt certificate,
/// the earlier expiry of the two counts.
/// </summary>
public sealed record ExpiryBadge(string Text, string Css)
{
    public static readonly TimeSpan Soon = TimeSpan.FromDays(30);

    public static ExpiryBadge For(SslObjectView view, DateTimeOffset now)
    {
        var notAfter = view.AltNotAfter is { } alt && alt < view.NotAfter ? alt : view.NotAfter;
        return view.Status switch
        {
            "revoked" => new("revoked", "bad"),
            "expired" => new("expired", "bad"),
            "not_yet_valid" => new("not yet valid", "warn"),
            _ when notAfter < now => new("alt certificate expired", "bad"),
            _ when notAfter - now <= Soon => new($"expires in {Math.Max(0, (int)(notAfter - now).TotalDays)} days", "warn"),
            _ => new("ok", "ok"),
        };
    }
}
