using System.Net.Security;
using Gatehouse.Core.Ssl;

namespace Gatehouse.Gateway.Tls;

/// <summary>
/// A client SSL object revision to present to upstreams: its model and certificate context, built once, on the first
/// upstream connection that needs it (DESIGN.md §11: no context is built at start-up).
/// </summary>
public sealed class ClientTlsIdentity(SslObjectModel model, Func<SslObjectModel, SslStreamCertificateContext> build)
{
    private readonly Lazy<SslStreamCertificateContext> _context = new(() => build(model));

    public SslObjectModel Model { get; } = model;

    public SslStreamCertificateContext Context => _context.Value;
}
