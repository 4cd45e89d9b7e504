namespace Gatehouse.Configuration;

/// <summary>
/// What one model update changed: the SSL objects and services whose key was put, deleted or went bad. A
/// <see cref="Reset"/> (start-up, or a resync after compaction) may have changed anything.
/// </summary>
public sealed record ConfigDelta(bool Reset, IReadOnlySet<string> SslIds, IReadOnlySet<string> ServiceIds)
{
    public static ConfigDelta Everything { get; } = new(true, new HashSet<string>(), new HashSet<string>());

    public bool IsEmpty => !Reset && SslIds.Count == 0 && ServiceIds.Count == 0;
}
