namespace Gatehouse.Core.Ssl;

/// <summary>The stored facts of an object's alt certificate (see <see cref="CertificateSummary"/>).</summary>
public sealed record AltCertificateSummary(
    string FingerprintSha256,
    string KeyAlgorithm,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter);
