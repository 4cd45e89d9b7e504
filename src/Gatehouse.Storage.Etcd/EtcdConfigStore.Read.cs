using System.Runtime.CompilerServices;
using Etcdserverpb;

namespace Gatehouse.Storage.Etcd;

public sealed partial class EtcdConfigStore
{
    /// <inheritdoc />
    /// <remarks>One linearizable etcd <c>Range</c> of the exact key.</remarks>
    public async Task<StoreItem?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var request = new RangeRequest { Key = EtcdKeys.Key(key) };
        var response = await CallAsync("read a key",
            deadline => _client.GetAsync(request, null, deadline, cancellationToken), cancellationToken);
        return response.Kvs.Count == 0 ? null : EtcdKeys.ToItem(response.Kvs[0]);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Linearizable etcd <c>Range</c>s over [prefix, prefix+1) with a limit: the first at the latest revision, whose
    /// response header names it, the next ones pinned to that revision (etcd's MVCC read), each starting just after
    /// the previous page's last key. A pinned revision compacted meanwhile fails the read (etcd's OutOfRange).
    /// </remarks>
    public async IAsyncEnumerable<StoreListing> ListPagesAsync(string prefix, int pageSize = StorePaging.DefaultPageSize,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var (key, rangeEnd) = EtcdKeys.Prefix(prefix);
        long revision = 0;
        while (true)
        {
            var request = new RangeRequest { Key = key, RangeEnd = rangeEnd, Limit = pageSize, Revision = revision };
            var response = await CallAsync("list a prefix",
                deadline => _client.GetAsync(request, null, deadline, cancellationToken), cancellationToken);
            if (revision == 0) revision = response.Header.Revision;
            yield return new StoreListing([.. response.Kvs.Select(EtcdKeys.ToItem)], revision);
            if (!response.More || response.Kvs.Count == 0) yield break;
            key = EtcdKeys.After(response.Kvs[^1].Key);
        }
    }
}
