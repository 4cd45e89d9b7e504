using System.Net.Security;
using Gatehouse.Core.Ssl;

namespace Gatehouse.Gateway.Tls;

/// <summary>A client SSL object revision ready to present to upstreams: its model and certificate context, built once.</summary>
public sealed record ClientTlsIdentity(SslObjectModel Model, SslStreamCertificateContext Context);
