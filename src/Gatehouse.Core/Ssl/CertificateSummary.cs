using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Gatehouse.Core.Json;

namespace Gatehouse.Core.Ssl;

/// <summary>
/// What a write derived from an SSL object's certificates, stored beside them (<c>summary</c>) so that loading the
/// object needs no X.509 parse (DESIGN.md §11: start-up reads the store and builds indexes only). It is bound to the
/// exact text it was derived from by <see cref="Digest"/>: a record whose certificate fields changed without a new
/// summary (an older write, a hand edit) is parsed and checked in full instead. Objects with a CA set or a CRL are
/// always parsed in full (the client-certificate checks need them), so a summary never describes those.
/// </summary>
/// <param name="Digest">SHA-256 over the fields the summary describes and its own facts (<see cref="DigestOf"/>).</param>
/// <param name="Warnings">The certificate warnings that do not move with the clock (validity is judged at read time).</param>
/// <param name="OcspResponders">The leaf's http(s) OCSP responder URLs.</param>
public sealed record CertificateSummary(
    string Digest,
    IReadOnlyList<string> Snis,
    string Subject,
    [property: JsonConverter(typeof(SharedStringConverter))] string Issuer,
    string SerialNumber,
    string FingerprintSha256,
    [property: JsonConverter(typeof(SharedStringConverter))] string KeyAlgorithm,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> OcspResponders,
    AltCertificateSummary? Alt)
{
    // Bumped whenever the summary's meaning changes: every older summary then stops matching and is derived again.
    private const string Version = "gatehouse-summary-1";

    /// <summary>True when this summary was derived from <paramref name="record"/>'s current certificate fields and was not edited since.</summary>
    public bool Describes(SslObjectRecord record) =>
        record.CaCertificate is null && record.Crl is null && !record.CrlStrict && IsComplete && Digest == DigestOf(record, this);

    /// <summary>
    /// False for a summary with a field missing (a value cut short or edited by hand: JSON decoding leaves it null), which
    /// is then ignored like a stale one rather than failing the load.
    /// </summary>
    private bool IsComplete =>
        Digest is not null && Snis is not null && !Snis.Contains(null!) && Subject is not null && Issuer is not null
        && SerialNumber is not null && FingerprintSha256 is not null && KeyAlgorithm is not null && Warnings is not null
        && !Warnings.Contains(null!) && OcspResponders is not null
        && OcspResponders.All(u => u is not null && Uri.TryCreate(u, UriKind.Absolute, out _))
        && (Alt is null || Alt.FingerprintSha256 is not null && Alt.KeyAlgorithm is not null);

    /// <summary>
    /// The digest of the fields a summary describes (type, fallback flag, certificate chain, alt chain) and of the
    /// summary's own facts, so neither can change without the other going unnoticed.
    /// </summary>
    internal static string DigestOf(SslObjectRecord record, CertificateSummary summary)
    {
        // SHA-256 of the UTF-8 of the parts joined by NUL (lists joined by ',', '\n' and ' '; instants as UTC ticks),
        // hashed piece by piece: a load computes this for every object, so it allocates nothing per piece.
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            void Add(string? text)
            {
                text ??= "";
                var needed = Encoding.UTF8.GetMaxByteCount(text.Length);
                if (needed > buffer.Length)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(needed);
                }
                hash.AppendData(buffer, 0, Encoding.UTF8.GetBytes(text, buffer));
            }

            void Separator(char separator) => hash.AppendData([(byte)separator]);

            void Part(string? text)
            {
                Add(text);
                Separator('\0');
            }

            void Joined(IReadOnlyList<string> texts, char separator)
            {
                for (var i = 0; i < texts.Count; i++)
                {
                    if (i > 0) Separator(separator);
                    Add(texts[i]);
                }
                Separator('\0');
            }

            void Ticks(DateTimeOffset instant)
            {
                Span<byte> digits = stackalloc byte[20];
                instant.UtcTicks.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
                hash.AppendData(digits[..written]);
            }

            Part(Version);
            Part(record.Type);
            Part(record.Fallback ? "1" : "0");
            Part(record.Certificate);
            Part(record.AltCertificate);
            Joined(summary.Snis, ',');
            Part(summary.Subject);
            Part(summary.Issuer);
            Part(summary.SerialNumber);
            Part(summary.FingerprintSha256);
            Part(summary.KeyAlgorithm);
            Ticks(summary.NotBefore);
            Separator('\0');
            Ticks(summary.NotAfter);
            Separator('\0');
            Joined(summary.Warnings, '\n');
            Joined(summary.OcspResponders, ' ');
            if (summary.Alt is { } alt)
            {
                Add(alt.FingerprintSha256);
                Separator('\n');
                Add(alt.KeyAlgorithm);
                Separator('\n');
                Ticks(alt.NotBefore);
                Separator('\n');
                Ticks(alt.NotAfter);
            }
            Span<byte> digest = stackalloc byte[32];
            hash.GetHashAndReset(digest);
            return Convert.ToHexStringLower(digest);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The summary of a fully parsed object, or null when the object is one a summary never describes.</summary>
    internal static CertificateSummary? Of(SslObjectRecord record, CertificateFacts facts, AltCertificateFacts? alt)
    {
        if (record.CaCertificate is not null || record.Crl is not null || record.CrlStrict) return null;
        var summary = new CertificateSummary("", facts.Snis, facts.Subject, facts.Issuer, facts.SerialNumber, facts.FingerprintSha256,
            facts.KeyAlgorithm, facts.NotBefore, facts.NotAfter,
            [.. facts.Warnings.Where(w => w is not (CertificateFacts.ExpiredWarning or CertificateFacts.NotYetValidWarning))],
            [.. facts.OcspResponders.Select(u => u.OriginalString)],
            alt is null ? null : new(alt.FingerprintSha256, alt.KeyAlgorithm, alt.NotBefore, alt.NotAfter));
        return summary with { Digest = DigestOf(record, summary) };
    }
}
