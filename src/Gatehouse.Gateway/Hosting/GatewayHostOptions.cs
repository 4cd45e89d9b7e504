using System.Net;

namespace Gatehouse.Gateway.Hosting;

/// <summary>The data plane's listeners.</summary>
public sealed record GatewayHostOptions(IPEndPoint HttpListen, IPEndPoint HttpsListen);
