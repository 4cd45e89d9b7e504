using dotnet_etcd;
using Etcdserverpb;
using Grpc.Core;
using Grpc.Net.Client;

namespace Gatehouse.Storage.Etcd;

/// <summary>
/// The distributed <see cref="IConfigStore"/>: every operation is one etcd v3 request over one gRPC channel that
/// balances over the given endpoints (DESIGN.md §6). The store's revision is etcd's cluster revision, so several
/// gateways and control planes sharing the cluster see one history. Every gRPC failure surfaces as
/// <see cref="StoreUnavailableException"/>; the channel reconnects by itself once etcd is back.
/// </summary>
public sealed partial class EtcdConfigStore : IConfigStore
{
    private readonly EtcdEndpoints _endpoints;
    private readonly GrpcChannel _channel;
    private readonly EtcdClient _client;
    private readonly Watch.WatchClient _watch;
    private readonly EtcdStoreOptions _options;
    private int _disposed;

    private EtcdConfigStore(EtcdEndpoints endpoints, EtcdStoreOptions options)
    {
        _endpoints = endpoints;
        _options = options;
        _channel = endpoints.CreateChannel(options);
        var invoker = _channel.CreateCallInvoker();
        _client = new EtcdClient(invoker);
        // Watches use the generated client directly: dotnet-etcd's watch manager resumes on its own and would hide
        // the compaction and loss signals this store must report.
        _watch = new Watch.WatchClient(invoker);
    }

    /// <summary>
    /// Connects to etcd at <paramref name="endpoints"/> (comma-separated URLs, e.g.
    /// <c>"http://127.0.0.1:2379,http://h2:2379"</c>) and checks that one of them answers.
    /// </summary>
    /// <exception cref="StoreUnavailableException">No endpoint answered within <see cref="EtcdStoreOptions.RequestTimeout"/>.</exception>
    public static async Task<EtcdConfigStore> ConnectAsync(string endpoints, EtcdStoreOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new EtcdStoreOptions();
        options.Validate();
        var store = new EtcdConfigStore(EtcdEndpoints.Parse(endpoints), options);
        try
        {
            await store.CallAsync("be reached",
                deadline => store._client.StatusAsync(new StatusRequest(), null, deadline, cancellationToken), cancellationToken);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _channel.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Runs one unary etcd request under the request deadline, mapping gRPC failures.</summary>
    private async Task<T> CallAsync<T>(string operation, Func<DateTime, Task<T>> call, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        try
        {
            return await call(DateTime.UtcNow + _options.RequestTimeout);
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw EtcdStoreErrors.Map(_endpoints, operation, e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // A deadline that passes while the request is still being sent (e.g. to a member that just died) surfaces
            // from grpc-dotnet as a cancellation, not as RpcException(DeadlineExceeded); it is the same failure.
            throw EtcdStoreErrors.TimedOut(_endpoints, operation, _options.RequestTimeout, e);
        }
    }
}
