using Grpc.Core;

namespace Gatehouse.Storage.Etcd;

/// <summary>
/// Turns gRPC failures into <see cref="StoreUnavailableException"/>. Messages name the endpoints, the operation,
/// the gRPC status and etcd's own fixed error text only — never a key's value (values may hold encrypted keys).
/// </summary>
internal static class EtcdStoreErrors
{
    public static StoreUnavailableException Map(EtcdEndpoints endpoints, string operation, RpcException exception) =>
        new($"etcd ({endpoints.Display}) could not {operation}: {exception.StatusCode}{EtcdDetail(exception.Status.Detail)}.", exception);

    public static StoreUnavailableException TimedOut(EtcdEndpoints endpoints, string operation, TimeSpan timeout, Exception inner) =>
        new($"etcd ({endpoints.Display}) could not {operation}: no answer within {timeout.TotalSeconds:0.#} s (DeadlineExceeded).", inner);

    public static StoreUnavailableException WatchCanceled(EtcdEndpoints endpoints, string reason) =>
        new($"etcd ({endpoints.Display}) canceled a watch{EtcdDetail(reason)}.");

    public static StoreUnavailableException WatchLost(EtcdEndpoints endpoints, TimeSpan resumeTimeout, Exception? last) =>
        new($"etcd ({endpoints.Display}) watch stream was lost and could not be resumed within {resumeTimeout.TotalSeconds:0.#} s" +
            (last is RpcException rpc ? $": {rpc.StatusCode}{EtcdDetail(rpc.Status.Detail)}." : "."), last);

    // etcd's errors are fixed strings ("etcdserver: ...", "mvcc: ..."); anything else is left to the inner exception.
    private static string EtcdDetail(string? detail) =>
        detail is not null && (detail.StartsWith("etcdserver: ", StringComparison.Ordinal) || detail.StartsWith("mvcc: ", StringComparison.Ordinal))
            ? $" ({detail})"
            : "";
}
