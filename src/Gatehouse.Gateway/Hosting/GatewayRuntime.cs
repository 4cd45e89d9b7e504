using Gatehouse.Core.Secrets;
using Gatehouse.Gateway.Configuration;
using Gatehouse.Gateway.Forwarding;
using Gatehouse.Gateway.Tls;
using Gatehouse.Storage;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Gateway.Hosting;

/// <summary>
/// The data plane's live parts, shared by its listeners and its status routes: the snapshot, the watcher that
/// feeds it from the store, the handshake selector, the upstream connection pools and the metrics.
/// </summary>
public sealed class GatewayRuntime : IAsyncDisposable
{
    private GatewayRuntime(SnapshotHolder holder, StoreSnapshotWatcher watcher, GatewayMetrics metrics, SniCertificateSelector selector,
        TimeProvider time, UpstreamInvokers invokers)
    {
        Invokers = invokers;
        // A new snapshot retires the pools of upstream identities it no longer uses.
        holder.Published += snapshot => invokers.Retain(snapshot.Routes.Select(r => r.Profile).ToHashSet());
        Time = time;
        Holder = holder;
        Watcher = watcher;
        Metrics = metrics;
        Selector = selector;
    }

    public SnapshotHolder Holder { get; }
    public GatewayMetrics Metrics { get; }
    public SniCertificateSelector Selector { get; }
    public TimeProvider Time { get; }
    private StoreSnapshotWatcher Watcher { get; }

    /// <summary>Upstream connection pools, one per profile, kept across snapshots.</summary>
    internal UpstreamInvokers Invokers { get; }

    /// <param name="codec">
    /// The parsed-model cache; <c>up</c> shares one with its control plane so each stored revision is parsed once
    /// per process.
    /// </param>
    public static GatewayRuntime Create(IConfigStore store, Keyring keyring, ILoggerFactory loggers, TimeProvider time,
        ConfigCodec? codec = null)
    {
        var holder = new SnapshotHolder();
        var builder = new SnapshotBuilder(codec ?? new ConfigCodec(time), new ServerTlsOptionsFactory(keyring, time), loggers.CreateLogger<SnapshotBuilder>());
        var watcher = new StoreSnapshotWatcher(store, builder, holder, loggers.CreateLogger<StoreSnapshotWatcher>());
        var metrics = new GatewayMetrics(holder);
        var invokers = new UpstreamInvokers(loggers.CreateLogger("Gatehouse.Gateway.Upstream"), TimeSpan.FromMinutes(5));
        return new GatewayRuntime(holder, watcher, metrics, new SniCertificateSelector(holder, metrics, time), time, invokers);
    }

    /// <summary>Starts following the store and returns once the first snapshot is loaded.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Watcher.StartAsync(cancellationToken);
        await Holder.FirstLoaded.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Watcher.StopAsync(CancellationToken.None);
        Watcher.Dispose();
        Invokers.Dispose();
    }
}
