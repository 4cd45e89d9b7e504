using Gatehouse.Core.Services;
using Gatehouse.Core.Sni;
using Gatehouse.Core.Ssl;
using Gatehouse.Storage;

namespace Gatehouse.ControlPlane.Configuration;

/// <summary>
/// Everything under <c>/gatehouse/</c> read in one consistent listing: what admin writes check their
/// cross-key rules against, and the write-fence revision they commit on.
/// </summary>
public sealed record ConfigState(
    IReadOnlyDictionary<string, SslObjectModel> Ssls,
    IReadOnlyDictionary<string, ServiceModel> Services,
    IReadOnlyList<string> BadKeys,
    long FenceRevision,
    long Revision)
{
    public IEnumerable<SslObjectModel> SslsInIdOrder => Ssls.Values.OrderBy(m => m.Id, StringComparer.Ordinal);

    public IEnumerable<ServiceModel> ServicesInIdOrder => Services.Values.OrderBy(m => m.Id, StringComparer.Ordinal);

    /// <summary>The SNI index of these SSL objects, built once per state.</summary>
    public SniIndex Sni => _sni ??= SniIndex.Build(Ssls.Values);

    private SniIndex? _sni;
}
