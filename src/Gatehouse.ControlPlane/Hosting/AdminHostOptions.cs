using System.Net;

namespace Gatehouse.ControlPlane.Hosting;

/// <summary>How the admin listener is exposed.</summary>
/// <param name="DataDirectory">Where the console keeps its session keys (data protection), so sessions survive restarts; null keeps them in memory.</param>
public sealed record AdminHostOptions(
    IPEndPoint Listen,
    string? TlsCertificatePath = null,
    string? TlsKeyPath = null,
    string? DataDirectory = null);
