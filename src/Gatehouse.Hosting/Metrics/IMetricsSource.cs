namespace Gatehouse.Hosting.Metrics;

/// <summary>Adds metric families to <c>/metrics</c> (the gateway's handshake counters, for instance).</summary>
public interface IMetricsSource
{
    void Write(PrometheusText text);
}
