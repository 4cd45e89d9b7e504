using Gatehouse.Core.Coverage;
using Gatehouse.Core.Services;
using Gatehouse.Core.Sni;

namespace Gatehouse.ControlPlane.Services;

/// <summary>The response shape of a service: what was written, plus its revision, TLS coverage and warnings.</summary>
public sealed record ServiceView(
    string Id,
    string Name,
    IReadOnlyList<string> Hosts,
    string PathPrefix,
    IReadOnlyList<string> Protocols,
    IReadOnlyList<string> Labels,
    UpstreamRecord Upstream,
    IReadOnlyList<HostCoverage> TlsCoverage,
    IReadOnlyList<string> Warnings,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Revision)
{
    /// <summary>Whether request headers named with <c>_</c> are forwarded (<see cref="ServiceRecord.AllowUnderscoresInHeaders"/>).</summary>
    public bool AllowUnderscoresInHeaders { get; init; }

    public static ServiceView From(ServiceRecord record, long revision, SniIndex sni, DateTimeOffset now) => new(
        record.Id, record.Name, record.Hosts, record.PathPrefix, record.Protocols, record.Labels, record.Upstream,
        CoverageAnalyzer.For(record, sni, now), WarningsOf(record), record.CreatedAt, record.UpdatedAt, revision)
    {
        AllowUnderscoresInHeaders = record.AllowUnderscoresInHeaders,
    };

    public static IReadOnlyList<string> WarningsOf(ServiceRecord record) => record.Upstream is { Scheme: "https", TlsVerify: false }
        ? ["upstream.tls_verify is false: the upstream's certificate and name are not checked."]
        : [];
}
