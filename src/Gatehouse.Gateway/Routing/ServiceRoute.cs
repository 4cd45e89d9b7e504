using Gatehouse.Core.Services;
using Gatehouse.Core.Ssl;
using Gatehouse.Gateway.Forwarding;
using Gatehouse.Gateway.Tls;

namespace Gatehouse.Gateway.Routing;

/// <summary>
/// A service ready to forward: its model, the upstream profile its connections use, and its target schedule. Built
/// once per service revision (and client object revision), then kept across snapshots that do not change either.
/// </summary>
internal sealed class ServiceRoute
{
    public ServiceRoute(ServiceModel service, ClientTlsIdentity? client)
    {
        Service = service;
        var upstream = service.Record.Upstream;
        ClientModel = client?.Model;
        ClientMissing = upstream.ClientSslId is not null && client is null;
        // Parsed once per service revision (the upstream CA PEM included), not per snapshot.
        Tls = UpstreamTlsMaterials.For(upstream, client);
        Profile = UpstreamProfile.Of(upstream, Tls);
        Targets = new WeightedTargets(upstream);
        Transformer = new ForwardingTransformer(upstream, service.Record.AllowUnderscoresInHeaders);
        RequestConfig = new() { ActivityTimeout = TimeSpan.FromMilliseconds(upstream.Timeouts.ReadMs) };
    }

    public ServiceModel Service { get; }

    /// <summary>The client object revision this route presents (null without one).</summary>
    public SslObjectModel? ClientModel { get; }

    public string PathPrefix => Service.Record.PathPrefix;

    /// <summary>The pool key: a changed client object or CA set is a new profile, so a new pool.</summary>
    public UpstreamProfile Profile { get; }

    /// <summary>The certificate to present and the CA set to trust.</summary>
    public UpstreamTlsMaterials? Tls { get; }

    /// <summary>The service names a client object that no longer exists (deleted with force): answer 502 client_ssl_missing.</summary>
    public bool ClientMissing { get; }

    public WeightedTargets Targets { get; }

    public ForwardingTransformer Transformer { get; }

    public Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig RequestConfig { get; }
}
