namespace Gatehouse.Core.Coverage;

/// <summary>
/// Which SSL object serves one service host (DESIGN.md §4 <c>tls_coverage</c>). <see cref="Step"/> is
/// <c>exact</c>, <c>wildcard</c> or <c>none</c>.
/// </summary>
public sealed record HostCoverage(string Host, string? SslId, string Step, bool PeerAuthentication, IReadOnlyList<string> Warnings)
{
    /// <summary>The CA set of the serving object (empty when none), to detect a peer-authentication change.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string CaSetId { get; init; } = "";
}
