using System.Net;

namespace Gatehouse.Gateway.Hosting;

/// <summary>Where a stand-alone gateway answers <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c>.</summary>
/// <param name="StoreProbeInterval">How often <c>gatehouse_store_up</c> is refreshed by a one-key read (<see cref="Gatehouse.Configuration.StoreHealth.DefaultInterval"/> when null).</param>
public sealed record StatusHostOptions(IPEndPoint Listen, TimeSpan? StoreProbeInterval = null);
