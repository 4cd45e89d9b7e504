using Gatehouse.ControlPlane.Metrics;
using Gatehouse.Gateway.Configuration;
using Gatehouse.Gateway.Tls;

namespace Gatehouse.Gateway;

/// <summary>The data plane's counters (DESIGN.md §9): handshakes by result, the served revision, bad store items.</summary>
public sealed class GatewayMetrics(SnapshotHolder holder) : IMetricsSource
{
    private long _selected, _noMatch;

    public void CountHandshake(HandshakeResult result)
    {
        if (result == HandshakeResult.Selected) Interlocked.Increment(ref _selected);
        else Interlocked.Increment(ref _noMatch);
    }

    public void Write(PrometheusText text)
    {
        var snapshot = holder.Current;
        text.Family("gatehouse_tls_handshakes_total", "counter", "TLS handshakes by certificate selection result.")
            .Sample("gatehouse_tls_handshakes_total", Interlocked.Read(ref _selected), ("result", "selected"))
            .Sample("gatehouse_tls_handshakes_total", Interlocked.Read(ref _noMatch), ("result", "no_match"));
        text.Family("gatehouse_gateway_config_revision", "gauge", "Store revision of the snapshot the gateway serves.")
            .Sample("gatehouse_gateway_config_revision", snapshot.Revision);
        text.Family("gatehouse_gateway_bad_store_items", "gauge", "Store items the gateway could not load (last good revision kept).")
            .Sample("gatehouse_gateway_bad_store_items", snapshot.BadKeys.Count);
    }
}
