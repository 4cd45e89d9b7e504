using Gatehouse.Core.Ssl;
using Gatehouse.Storage;

namespace Gatehouse.ControlPlane.Ssl;

/// <summary>
/// Everything under <c>/gatehouse/</c> read in one consistent listing: what admin writes check their
/// cross-key rules against, and the write-fence revision they commit on.
/// </summary>
public sealed record ConfigState(
    IReadOnlyDictionary<string, SslObjectModel> Ssls,
    IReadOnlyList<string> BadKeys,
    long FenceRevision,
    long Revision)
{
    public IEnumerable<SslObjectModel> SslsInIdOrder => Ssls.Values.OrderBy(m => m.Id, StringComparer.Ordinal);
}
