using System.Net;

namespace Gatehouse.ControlPlane.Hosting;

/// <summary>The admin listener's address, so services cannot target it (DESIGN.md §4).</summary>
public sealed record AdminEndPoint(IPEndPoint? EndPoint);
