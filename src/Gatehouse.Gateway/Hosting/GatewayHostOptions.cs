using System.Net;
using Gatehouse.Gateway.Logging;
using Gatehouse.Gateway.Tls;

namespace Gatehouse.Gateway.Hosting;

/// <summary>The data plane's listeners, where its access log goes, and how many built TLS contexts it keeps (<c>--tls-context-cache</c>).</summary>
public sealed record GatewayHostOptions(IPEndPoint HttpListen, IPEndPoint HttpsListen, AccessLogDestination AccessLog,
    int TlsContextCache = TlsContextCache.DefaultCapacity);
