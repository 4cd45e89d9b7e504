using Etcdserverpb;
using Grpc.Core;

namespace Gatehouse.Storage.Etcd;

public sealed partial class EtcdConfigStore
{
    /// <summary>
    /// Compacts etcd's history at <paramref name="revision"/> (etcd semantics: revisions below it are dropped; the
    /// value each key had at <paramref name="revision"/> stays). A watch that starts below it then receives
    /// <see cref="WatchEvent.Compacted"/> with <paramref name="revision"/>. Compacting at or below an earlier
    /// compaction does nothing. Waits until the compaction is applied, so watches see it at once.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="revision"/> is above the current revision.</exception>
    public async Task CompactAsync(long revision, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(revision);
        var request = new CompactionRequest { Revision = revision, Physical = true };
        try
        {
            await CallAsync("compact",
                deadline => _client.CompactAsync(request, null, deadline, cancellationToken), cancellationToken);
        }
        catch (StoreUnavailableException e) when (e.InnerException is RpcException { StatusCode: StatusCode.OutOfRange } rpc)
        {
            if (rpc.Status.Detail.Contains("future revision", StringComparison.Ordinal))
            {
                throw new ArgumentOutOfRangeException(nameof(revision), revision, "The revision is above the store's current revision.");
            }

            // "required revision has been compacted": history is already shorter than asked.
        }
    }
}
