using Etcdserverpb;

namespace Gatehouse.Storage.Etcd;

public sealed partial class EtcdConfigStore
{
    /// <inheritdoc />
    public int? MaxOperationsPerCommit => _options.MaxTxnOps;

    /// <inheritdoc />
    public long? MaxBytesPerCommit => _options.MaxTxnBytes;

    /// <inheritdoc />
    /// <remarks>
    /// One etcd <c>Txn</c>: each condition is a compare of the key's <c>mod_revision</c> (etcd compares an absent
    /// key as mod revision 0, so 0 means "must not exist"); the mutations are its success branch. etcd raises the
    /// revision only when the commit changed something: no mutations, or only deletes of absent keys, succeed at the
    /// current revision. Each key may appear in at most one mutation (etcd rejects duplicate keys in a Txn);
    /// otherwise <see cref="ArgumentException"/>. A commit is never retried automatically: if the connection fails
    /// mid-request it may or may not have been applied, and <see cref="StoreUnavailableException"/> says so.
    /// </remarks>
    public async Task<CommitResult> CommitAsync(IReadOnlyList<StoreCondition> conditions,
        IReadOnlyList<StoreMutation> mutations, CancellationToken cancellationToken = default)
    {
        var request = BuildTxn(conditions, mutations);
        var response = await CallAsync("commit (it may or may not have been applied)",
            deadline => _client.TransactionAsync(request, null, deadline, cancellationToken), cancellationToken);
        return new CommitResult(response.Succeeded, response.Header.Revision);
    }

    private static TxnRequest BuildTxn(IReadOnlyList<StoreCondition> conditions, IReadOnlyList<StoreMutation> mutations)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentNullException.ThrowIfNull(mutations);
        var request = new TxnRequest();
        foreach (var condition in conditions)
        {
            ArgumentNullException.ThrowIfNull(condition, nameof(conditions));
            ArgumentException.ThrowIfNullOrEmpty(condition.Key, nameof(conditions));
            request.Compare.Add(new Compare
            {
                Key = EtcdKeys.Key(condition.Key),
                Target = Compare.Types.CompareTarget.Mod,
                Result = Compare.Types.CompareResult.Equal,
                ModRevision = condition.ExpectedModRevision,
            });
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var mutation in mutations)
        {
            ArgumentNullException.ThrowIfNull(mutation, nameof(mutations));
            ArgumentException.ThrowIfNullOrEmpty(mutation.Key, nameof(mutations));
            if (!keys.Add(mutation.Key))
            {
                throw new ArgumentException("A commit may change each key at most once.", nameof(mutations));
            }

            request.Success.Add(mutation switch
            {
                StoreMutation.Put put => new RequestOp
                {
                    RequestPut = new PutRequest
                    {
                        Key = EtcdKeys.Key(put.Key),
                        Value = Google.Protobuf.ByteString.CopyFromUtf8(put.Value ?? throw new ArgumentNullException(nameof(mutations))),
                    },
                },
                StoreMutation.Delete delete => new RequestOp { RequestDeleteRange = new DeleteRangeRequest { Key = EtcdKeys.Key(delete.Key) } },
                _ => throw new ArgumentException($"Unknown mutation type {mutation.GetType().Name}.", nameof(mutations)),
            });
        }

        return request;
    }
}
