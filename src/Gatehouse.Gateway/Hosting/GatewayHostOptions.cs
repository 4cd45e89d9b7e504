using System.Net;
using Gatehouse.Gateway.Logging;

namespace Gatehouse.Gateway.Hosting;

/// <summary>The data plane's listeners and where its access log goes.</summary>
public sealed record GatewayHostOptions(IPEndPoint HttpListen, IPEndPoint HttpsListen, AccessLogDestination AccessLog);
