using Gatehouse.Storage;
using Gatehouse.Configuration;
using Gatehouse.Core.Secrets;
using Gatehouse.Gateway.Acme;
using Gatehouse.Gateway.Configuration;
using Gatehouse.Gateway.Forwarding;
using Gatehouse.Gateway.Logging;
using Gatehouse.Gateway.Tls;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Gateway.Hosting;

/// <summary>
/// The data plane's live parts, shared by its listeners and its status routes: the snapshot built from the
/// configuration model, the TLS context cache, the handshake selector, the upstream connection pools, the access
/// log and the metrics.
/// </summary>
public sealed class GatewayRuntime : IAsyncDisposable
{
    private GatewayRuntime(ConfigModelHolder model, SnapshotHolder holder, SnapshotBuilder builder, TlsContextCache contexts,
        GatewayMetrics metrics, SniCertificateSelector selector, TimeProvider time, UpstreamInvokers invokers, AccessLogWriter? accessLog,
        LiveSelectionWatcher liveSelection)
    {
        Model = model;
        AccessLog = accessLog;
        LiveSelection = liveSelection;
        Invokers = invokers;
        Time = time;
        Holder = holder;
        Builder = builder;
        Contexts = contexts;
        Metrics = metrics;
        Selector = selector;
    }

    /// <summary>The configuration model this gateway follows (fed by the store's watch).</summary>
    public ConfigModelHolder Model { get; }
    public SnapshotHolder Holder { get; }
    public SnapshotBuilder Builder { get; }
    public TlsContextCache Contexts { get; }
    public GatewayMetrics Metrics { get; }
    public SniCertificateSelector Selector { get; }
    public TimeProvider Time { get; }

    /// <summary>The access log's background writer; null when the log is off.</summary>
    internal AccessLogWriter? AccessLog { get; }

    /// <summary>Reports selection changes that happen with no write (a certificate crossing a validity bound).</summary>
    private LiveSelectionWatcher LiveSelection { get; }

    /// <summary>Upstream connection pools, one per profile, kept across snapshots.</summary>
    internal UpstreamInvokers Invokers { get; }

    /// <summary>
    /// A gateway that serves <paramref name="model"/>: every model published from now on (and the current one, if loaded)
    /// becomes a snapshot. <c>up</c> passes the model its control plane reads, so the process parses each revision once.
    /// </summary>
    /// <param name="accessLog">Where the access log goes (stdout when null); a file is opened now, so a bad path fails here.</param>
    /// <param name="tlsContextCache">How many built TLS contexts to keep (<c>--tls-context-cache</c>).</param>
    /// <param name="protectedListeners">
    /// This machine's listeners no upstream connection may reach (the admin or status listener); checked on the address
    /// each upstream connection actually reached, with link-local addresses.
    /// </param>
    public static GatewayRuntime Create(ConfigModelHolder model, Keyring keyring, ILoggerFactory loggers, TimeProvider time,
        AccessLogDestination? accessLog = null, int tlsContextCache = TlsContextCache.DefaultCapacity,
        IReadOnlyList<System.Net.IPEndPoint>? protectedListeners = null)
    {
        OpenSslDefaults.LogOutcome(loggers.CreateLogger(typeof(OpenSslDefaults).FullName!));
        var accessLogWriter = AccessLogWriter.Open(accessLog ?? AccessLogDestination.Stdout, loggers.CreateLogger("Gatehouse.Gateway.AccessLog"));
        var holder = new SnapshotHolder();
        var factory = new ServerTlsOptionsFactory(keyring, time);
        var contexts = new TlsContextCache(factory, tlsContextCache, time);
        var builder = new SnapshotBuilder(contexts, factory);
        var metrics = new GatewayMetrics(holder, accessLogWriter is null ? null : () => accessLogWriter.Dropped);
        var invokers = new UpstreamInvokers(loggers.CreateLogger("Gatehouse.Gateway.Upstream"), TimeSpan.FromMinutes(5),
            new ForbiddenUpstreams(protectedListeners ?? []));
        var liveSelection = new LiveSelectionWatcher(holder, metrics, time, loggers.CreateLogger<LiveSelectionWatcher>());
        var challenges = new AcmeChallengeTable(time);
        var runtime = new GatewayRuntime(model, holder, builder, contexts, metrics, new SniCertificateSelector(holder, contexts, metrics, time, challenges),
            time, invokers, accessLogWriter, liveSelection) { Challenges = challenges };
        object? lastRoutes = null;
        model.Subscribe((config, delta) =>
        {
            // Keys a gateway does not serve (tokens, console sessions) change nothing here: no new snapshot.
            if (delta.IsEmpty && holder.FirstLoaded.IsCompleted) return;
            var snapshot = builder.Apply(config, delta);
            holder.Publish(snapshot);
            // New routes retire the pools of upstream identities no route uses any more.
            if (!ReferenceEquals(snapshot.Routes, lastRoutes)) invokers.Retain(snapshot.Routes.Values.Select(r => r.Profile).ToHashSet());
            lastRoutes = snapshot.Routes;
        });
        return runtime;
    }

    /// <summary>Pending ACME challenge answers (DESIGN.md §12), fed from the store by <see cref="FollowChallengesAsync"/>.</summary>
    public AcmeChallengeTable Challenges { get; private init; } = null!;

    private AcmeChallengeWatcher? _challengeWatcher;

    /// <summary>Starts following the stored ACME challenge answers, so this gateway answers the CA's validations.</summary>
    public async Task FollowChallengesAsync(IConfigStore store, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        _challengeWatcher = new AcmeChallengeWatcher(store, Challenges, loggers.CreateLogger<AcmeChallengeWatcher>());
        await _challengeWatcher.StartAsync(cancellationToken);
    }

    /// <summary>Returns once the first snapshot is loaded.</summary>
    public Task WaitLoadedAsync(CancellationToken cancellationToken) => Holder.FirstLoaded.WaitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_challengeWatcher is not null)
        {
            await _challengeWatcher.StopAsync(CancellationToken.None);
            _challengeWatcher.Dispose();
        }
        LiveSelection.Dispose();
        Invokers.Dispose();
        Metrics.Dispose();
        // Last: the listeners have drained, so every request's line has been handed over (none lost on SIGTERM).
        if (AccessLog is not null) await AccessLog.DisposeAsync();
    }
}
