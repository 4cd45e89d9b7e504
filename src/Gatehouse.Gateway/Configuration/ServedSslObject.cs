using System.Net.Security;
using Gatehouse.Core.Ssl;

namespace Gatehouse.Gateway.Configuration;

/// <summary>A server SSL object revision ready to serve: its model and TLS options, built once and reused by every handshake.</summary>
public sealed record ServedSslObject(SslObjectModel Model, SslServerAuthenticationOptions TlsOptions);
