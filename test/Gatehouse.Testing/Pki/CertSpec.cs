using System.Security.Cryptography.X509Certificates;

namespace Gatehouse.Testing.Pki;

/// <summary>What a test certificate should say. Null <see cref="DnsNames"/> means "no SAN extension".</summary>
public sealed record CertSpec
{
    public string CommonName { get; init; } = "test";

    /// <summary>A full subject name (several RDNs); null = <c>CN=</c> + <see cref="CommonName"/>.</summary>
    public X500DistinguishedName? Subject { get; init; }
    public IReadOnlyList<string>? DnsNames { get; init; } = [];
    public IReadOnlyList<string> IpAddresses { get; init; } = [];
    public IReadOnlyList<string> Uris { get; init; } = [];
    public DateTimeOffset NotBefore { get; init; } = DateTimeOffset.UtcNow.AddDays(-1);
    public DateTimeOffset NotAfter { get; init; } = DateTimeOffset.UtcNow.AddDays(90);
    public KeyKind Key { get; init; } = KeyKind.EcP256;

    /// <summary>EKU OIDs; null = no EKU extension.</summary>
    public IReadOnlyList<string>? ExtendedKeyUsages { get; init; } = [Oids.ServerAuth];
    public bool IsCa { get; init; }

    /// <summary>An AIA caIssuers / OCSP URL to embed (tests check it is never contacted).</summary>
    public string? AuthorityInfoUrl { get; init; }
    public bool Sha1 { get; init; }
}
