namespace Gatehouse.Configuration;

/// <summary>
/// What one model update changed: the SSL objects and services whose key was put, deleted or went bad, and the OCSP
/// records put or deleted. A
/// <see cref="Reset"/> (start-up, or a resync after compaction) may have changed anything.
/// </summary>
public sealed record ConfigDelta(bool Reset, IReadOnlySet<string> SslIds, IReadOnlySet<string> ServiceIds)
{
    public static ConfigDelta Everything { get; } = new(true, new HashSet<string>(), new HashSet<string>());

    /// <summary>Objects whose OCSP record was put or deleted (their staple, and maybe their revocation, changed).</summary>
    public IReadOnlySet<string> OcspIds { get; init; } = new HashSet<string>();

    public bool IsEmpty => !Reset && SslIds.Count == 0 && ServiceIds.Count == 0 && OcspIds.Count == 0;
}
