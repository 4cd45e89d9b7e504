using Gatehouse.Core.Services;
using Gatehouse.Gateway.Forwarding;

namespace Gatehouse.Gateway.Routing;

/// <summary>A service ready to forward: its model, the upstream profile its connections use, and its target schedule.</summary>
internal sealed class ServiceRoute(ServiceModel service)
{
    public ServiceModel Service { get; } = service;

    public string PathPrefix => Service.Record.PathPrefix;

    public UpstreamProfile Profile { get; } = UpstreamProfile.Of(service.Record.Upstream);

    public WeightedTargets Targets { get; } = new(service.Record.Upstream);

    public ForwardingTransformer Transformer { get; } = new(service.Record.Upstream);

    public Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig RequestConfig { get; } = new()
    {
        ActivityTimeout = TimeSpan.FromMilliseconds(service.Record.Upstream.Timeouts.ReadMs),
    };
}
