using dotnet_etcd;
using Google.Protobuf;
using Mvccpb;

namespace Gatehouse.Storage.Etcd;

/// <summary>Translates Gatehouse keys, prefixes and items to etcd's byte keys and back (all UTF-8).</summary>
internal static class EtcdKeys
{
    // etcd reads key "\0" with range end "\0" as "every key".
    private static readonly ByteString Everything = ByteString.CopyFrom(0);

    public static ByteString Key(string key) => ByteString.CopyFromUtf8(key);

    /// <summary>The [key, range_end) pair that selects every key starting with <paramref name="prefix"/>.</summary>
    public static (ByteString Key, ByteString RangeEnd) Prefix(string prefix)
    {
        if (prefix.Length == 0)
        {
            return (Everything, Everything);
        }

        var key = Key(prefix);
        return (key, EtcdClient.GetRangeEnd(key));
    }

    /// <summary>The smallest key after <paramref name="key"/> in etcd's byte order: the key followed by a zero byte.</summary>
    public static ByteString After(ByteString key) => ByteString.CopyFrom([.. key.Span, 0]);

    /// <summary>The item over the response's own value bytes (not copied, not decoded until a reader wants text).</summary>
    public static StoreItem ToItem(KeyValue kv) =>
        StoreItem.FromUtf8(kv.Key.ToStringUtf8(), kv.Value.Memory, kv.ModRevision, kv.CreateRevision);
}
