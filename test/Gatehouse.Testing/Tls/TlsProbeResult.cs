namespace Gatehouse.Testing.Tls;

/// <summary>The outcome of one TLS probe, the served leaf's SHA-256 fingerprint when there was one, and what the probe printed.</summary>
public sealed record TlsProbeResult(TlsOutcome Outcome, string? Fingerprint, string Detail)
{
    public bool IsRefused => Outcome == TlsOutcome.Refused;

    /// <summary>
    /// The fingerprint when served, null when refused; throws <see cref="TlsProbeFailedException"/> when the server was never
    /// asked or the probe failed, so a negative assertion (<c>Assert.Null</c>) cannot pass on a probe that did not run.
    /// </summary>
    public string? FingerprintOrNullWhenRefused() => Outcome switch
    {
        TlsOutcome.Served => Fingerprint,
        TlsOutcome.Refused => null,
        _ => throw new TlsProbeFailedException(this),
    };

    public override string ToString() => $"{Outcome}{(Fingerprint is null ? "" : " " + Fingerprint)}: {Detail}";
}
