using Etcdserverpb;
using Google.Protobuf;
using Grpc.Core;

namespace Gatehouse.Storage.Etcd;

/// <summary>
/// One etcd watch stream carrying one watcher. It tells a stream that broke (the caller may resume) from the
/// caller's own cancellation (which propagates as <see cref="OperationCanceledException"/>).
/// </summary>
internal sealed class EtcdWatchStream : IDisposable
{
    private readonly AsyncDuplexStreamingCall<WatchRequest, WatchResponse> _call;

    private EtcdWatchStream(AsyncDuplexStreamingCall<WatchRequest, WatchResponse> call) => _call = call;

    /// <summary>Why the stream broke, once <see cref="NextAsync"/> returned null.</summary>
    public RpcException? Failure { get; private set; }

    /// <summary>
    /// Opens a stream and creates the watcher on [<paramref name="key"/>, <paramref name="rangeEnd"/>) from
    /// <paramref name="startRevision"/>, waiting for etcd's "created" answer at most <paramref name="timeout"/>.
    /// </summary>
    /// <exception cref="RpcException">The stream could not be opened or the watcher was not created in time.</exception>
    public static async Task<EtcdWatchStream> OpenAsync(Watch.WatchClient client, ByteString key, ByteString rangeEnd,
        long startRevision, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var call = client.Watch(cancellationToken: cancellationToken);
        var stream = new EtcdWatchStream(call);
        try
        {
            using var created = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            created.CancelAfter(timeout);
            try
            {
                await call.RequestStream.WriteAsync(new WatchRequest
                {
                    CreateRequest = new WatchCreateRequest { Key = key, RangeEnd = rangeEnd, StartRevision = startRevision },
                }, created.Token);
                if (!await call.ResponseStream.MoveNext(created.Token) || !call.ResponseStream.Current.Created)
                {
                    throw new RpcException(new Status(StatusCode.Unavailable, "The watch stream ended before the watch was created."));
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new RpcException(new Status(StatusCode.DeadlineExceeded, "The watch was not created in time."));
            }

            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The next response, or null when the stream broke (see <see cref="Failure"/>).</summary>
    public async Task<WatchResponse?> NextAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await _call.ResponseStream.MoveNext(cancellationToken))
            {
                return _call.ResponseStream.Current;
            }

            Failure = new RpcException(new Status(StatusCode.Unavailable, "etcd closed the watch stream."));
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            Failure = e;
        }

        return null;
    }

    public void Dispose() => _call.Dispose();
}
