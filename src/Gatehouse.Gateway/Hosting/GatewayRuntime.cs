using Gatehouse.Core.Secrets;
using Gatehouse.Gateway.Configuration;
using Gatehouse.Gateway.Forwarding;
using Gatehouse.Gateway.Logging;
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
        TimeProvider time, UpstreamInvokers invokers, AccessLogWriter? accessLog, LiveSelectionWatcher liveSelection)
    {
        AccessLog = accessLog;
        LiveSelection = liveSelection;
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

    /// <summary>The access log's background writer; null when the log is off.</summary>
    internal AccessLogWriter? AccessLog { get; }

    /// <summary>Reports selection changes that happen with no write (a certificate crossing a validity bound).</summary>
    private LiveSelectionWatcher LiveSelection { get; }

    /// <summary>Upstream connection pools, one per profile, kept across snapshots.</summary>
    internal UpstreamInvokers Invokers { get; }

    /// <param name="codec">
    /// The parsed-model cache; <c>up</c> shares one with its control plane so each stored revision is parsed once
    /// per process.
    /// </param>
    /// <param name="accessLog">Where the access log goes (stdout when null); a file is opened now, so a bad path fails here.</param>
    /// <param name="protectedListeners">
    /// This machine's listeners no upstream connection may reach (the admin or status listener); checked on the address
    /// each upstream connection actually reached, with link-local addresses.
    /// </param>
    public static GatewayRuntime Create(IConfigStore store, Keyring keyring, ILoggerFactory loggers, TimeProvider time,
        ConfigCodec? codec = null, AccessLogDestination? accessLog = null, IReadOnlyList<System.Net.IPEndPoint>? protectedListeners = null)
    {
        OpenSslDefaults.LogOutcome(loggers.CreateLogger(typeof(OpenSslDefaults).FullName!));
        var accessLogWriter = AccessLogWriter.Open(accessLog ?? AccessLogDestination.Stdout, loggers.CreateLogger("Gatehouse.Gateway.AccessLog"));
        var holder = new SnapshotHolder();
        var builder = new SnapshotBuilder(codec ?? new ConfigCodec(time), new ServerTlsOptionsFactory(keyring, time), loggers.CreateLogger<SnapshotBuilder>(), time);
        var watcher = new StoreSnapshotWatcher(store, builder, holder, loggers.CreateLogger<StoreSnapshotWatcher>());
        var metrics = new GatewayMetrics(holder, accessLogWriter is null ? null : () => accessLogWriter.Dropped);
        var invokers = new UpstreamInvokers(loggers.CreateLogger("Gatehouse.Gateway.Upstream"), TimeSpan.FromMinutes(5),
            new ForbiddenUpstreams(protectedListeners ?? []));
        var liveSelection = new LiveSelectionWatcher(holder, metrics, time, loggers.CreateLogger<LiveSelectionWatcher>());
        return new GatewayRuntime(holder, watcher, metrics, new SniCertificateSelector(holder, metrics, time), time, invokers,
            accessLogWriter, liveSelection);
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
        LiveSelection.Dispose();
        Invokers.Dispose();
        // Last: the listeners have drained, so every request's line has been handed over (none lost on SIGTERM).
        if (AccessLog is not null) await AccessLog.DisposeAsync();
    }
}
