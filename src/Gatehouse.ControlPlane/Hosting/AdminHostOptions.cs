using System.Net;

namespace Gatehouse.ControlPlane.Hosting;

/// <summary>How the admin listener is exposed.</summary>
public sealed record AdminHostOptions(
    IPEndPoint Listen,
    string? TlsCertificatePath = null,
    string? TlsKeyPath = null);
