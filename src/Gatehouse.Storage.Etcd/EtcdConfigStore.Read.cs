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
    /// One linearizable etcd <c>Range</c> over [prefix, prefix+1); the listing's revision is the response header's,
    /// the revision that read saw. Items are sorted ordinally (etcd sorts by UTF-8 bytes, which differs for
    /// characters outside the Basic Multilingual Plane).
    /// </remarks>
    public async Task<StoreListing> ListAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var (key, rangeEnd) = EtcdKeys.Prefix(prefix);
        var request = new RangeRequest { Key = key, RangeEnd = rangeEnd };
        var response = await CallAsync("list a prefix",
            deadline => _client.GetAsync(request, null, deadline, cancellationToken), cancellationToken);
        var items = response.Kvs.Select(EtcdKeys.ToItem).OrderBy(item => item.Key, StringComparer.Ordinal).ToList();
        return new StoreListing(items, response.Header.Revision);
    }
}
