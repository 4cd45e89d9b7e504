using System.Net;

namespace Gatehouse.ControlPlane.Hosting;

/// <summary>How the admin listener is exposed.</summary>
/// <param name="StoreProbeInterval">How often <c>gatehouse_store_up</c> is refreshed by a one-key read (<see cref="Gatehouse.Configuration.StoreHealth.DefaultInterval"/> when null).</param>
/// <param name="DataDirectory">Where the console keeps its session keys (data protection), so sessions survive restarts; null keeps them in memory.</param>
public sealed record AdminHostOptions(
    IPEndPoint Listen,
    string? TlsCertificatePath = null,
    string? TlsKeyPath = null,
    string? DataDirectory = null,
    TimeSpan? StoreProbeInterval = null);
