using Gatehouse.Core.Services;

namespace Gatehouse.Core.Tests.Services;

/// <summary>Service drafts as the Admin API builds them from a request: defaults applied, nothing normalised.</summary>
internal static class ServiceDrafts
{
    public static UpstreamRecord Upstream(params TargetRecord[] targets) =>
        new("http", targets.Length == 0 ? [new TargetRecord("backend.test", 8080, 1)] : targets, "pass", null, null, null, null, true,
            TimeoutsRecord.Default);

    public static ServiceRecord Draft(IReadOnlyList<string>? hosts = null, string pathPrefix = "/",
        IReadOnlyList<string>? protocols = null, UpstreamRecord? upstream = null, string id = "") =>
        new(id, "shop", hosts ?? ["shop.test"], pathPrefix, protocols ?? ServiceProtocols.All, [], upstream ?? Upstream(),
            default, default);

    public static ServiceRecord WithTarget(string host, int port = 8080, int weight = 1) =>
        Draft(upstream: Upstream(new TargetRecord(host, port, weight)));
}
