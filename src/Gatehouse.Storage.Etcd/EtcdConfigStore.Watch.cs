using System.Diagnostics;
using System.Runtime.CompilerServices;
using Etcdserverpb;
using Google.Protobuf;
using Grpc.Core;
using Mvccpb;

namespace Gatehouse.Storage.Etcd;

public sealed partial class EtcdConfigStore
{
    /// <inheritdoc />
    /// <remarks>
    /// An etcd watch on [prefix, prefix+1) with <c>start_revision</c> = <paramref name="fromRevision"/> (0 or below
    /// means from the first revision, as in SQLite). Events of one commit arrive in key order. When etcd reports
    /// the start revision compacted, yields <see cref="WatchEvent.Compacted"/> with etcd's compact revision and ends.
    /// If the stream breaks (etcd restarted, leader lost, endpoint gone), the watch resumes from the revision after
    /// the last one it delivered, for up to <see cref="EtcdStoreOptions.WatchResumeTimeout"/>, then throws
    /// <see cref="StoreUnavailableException"/>; so a watch that outlives a compaction gets
    /// <see cref="WatchEvent.Compacted"/> when it resumes. Opening the watch the first time is not retried.
    /// </remarks>
    public async IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long fromRevision,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var (key, rangeEnd) = EtcdKeys.Prefix(prefix);
        var next = Math.Max(fromRevision, 1);
        var stream = await OpenWatchAsync(key, rangeEnd, next, cancellationToken);
        try
        {
            while (true)
            {
                var response = await stream.NextAsync(cancellationToken);
                if (response is null)
                {
                    var failure = stream.Failure;
                    stream.Dispose();
                    stream = await ResumeWatchAsync(key, rangeEnd, next, failure, cancellationToken);
                    continue;
                }

                if (response.CompactRevision > 0)
                {
                    yield return new WatchEvent.Compacted(response.CompactRevision);
                    yield break;
                }

                if (response.Canceled)
                {
                    throw EtcdStoreErrors.WatchCanceled(_endpoints, response.CancelReason);
                }

                // etcd never splits one revision across responses (fragmenting is off), so sorting a response
                // orders each commit's events by key, as the SQLite store does.
                foreach (var change in response.Events.OrderBy(e => e.Kv.ModRevision).ThenBy(e => e.Kv.Key.ToStringUtf8(), StringComparer.Ordinal))
                {
                    yield return ToWatchEvent(change);
                    next = Math.Max(next, change.Kv.ModRevision + 1);
                }
            }
        }
        finally
        {
            stream.Dispose();
        }
    }

    private async Task<EtcdWatchStream> OpenWatchAsync(ByteString key, ByteString rangeEnd, long startRevision,
        CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        try
        {
            return await EtcdWatchStream.OpenAsync(_watch, key, rangeEnd, startRevision, _options.RequestTimeout, cancellationToken);
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw EtcdStoreErrors.Map(_endpoints, "open a watch", e);
        }
    }

    private async Task<EtcdWatchStream> ResumeWatchAsync(ByteString key, ByteString rangeEnd, long next,
        RpcException? failure, CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(100);
        Exception? last = failure;
        while (true)
        {
            try
            {
                return await OpenWatchAsync(key, rangeEnd, next, cancellationToken);
            }
            catch (StoreUnavailableException e)
            {
                last = e.InnerException;
            }

            if (elapsed.Elapsed + delay > _options.WatchResumeTimeout)
            {
                throw EtcdStoreErrors.WatchLost(_endpoints, _options.WatchResumeTimeout, last);
            }

            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(1).Ticks));
        }
    }

    private static WatchEvent ToWatchEvent(Event change) => change.Type == Event.Types.EventType.Delete
        ? new WatchEvent.Deleted(change.Kv.Key.ToStringUtf8(), change.Kv.ModRevision)
        : new WatchEvent.Put(EtcdKeys.ToItem(change.Kv));
}
