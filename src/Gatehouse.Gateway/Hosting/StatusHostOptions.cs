using System.Net;

namespace Gatehouse.Gateway.Hosting;

/// <summary>Where a stand-alone gateway answers <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c>.</summary>
public sealed record StatusHostOptions(IPEndPoint Listen);
