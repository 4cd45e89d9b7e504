using Gatehouse.Configuration;
using Gatehouse.Core.Ids;
using Gatehouse.Core.Ssl;
using Gatehouse.Storage;
using Microsoft.Extensions.Logging;

namespace Gatehouse.ControlPlane.Lifecycle;

/// <summary>
/// Records lifecycle events (DESIGN.md §12) in the store before anything is delivered. Each crossing — an object's
/// certificate passing an expiry threshold, expiring, being revoked — has a claim key that the event's commit creates
/// only if it is absent, so across restarts and any number of control planes a crossing is recorded once.
/// </summary>
internal sealed partial class EventRecorder(IConfigStore store, ConfigModelHolder holder, NotifierStore notifiers, TimeProvider time,
    LifecycleMetrics metrics, ILogger<EventRecorder> logger)
{
    // Read and written by the event loop and the OCSP loop (ssl.revoked).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _claimed = new(StringComparer.Ordinal);
    private bool _claimsLoaded;

    /// <summary>
    /// Looks at the objects within the widest threshold of expiry (the model's expiry index: O(matches), not O(N)) and
    /// records the crossings not recorded yet.
    /// </summary>
    public async Task ScanAsync(CancellationToken cancellationToken)
    {
        if (!_claimsLoaded)
        {
            var claims = await store.ListAsync(LifecycleKeys.Claims, cancellationToken);
            foreach (var item in claims.Items) _claimed.TryAdd(item.Key, true);
            _claimsLoaded = true;
        }
        var state = holder.Current;
        var receivers = (await notifiers.ListAsync(cancellationToken)).Select(n => n.Record).ToList();
        IReadOnlyList<int> thresholds = receivers.Count == 0
            ? NotifierRecord.DefaultThresholds
            : [.. receivers.SelectMany(n => n.ThresholdsDays).Distinct().OrderDescending()];
        var now = time.GetUtcNow();
        // The index follows the earlier of primary and alt expiry, so it holds every object whose primary is this close too.
        foreach (var model in state.ExpiringBy(now + TimeSpan.FromDays(thresholds.Count == 0 ? 0 : thresholds.Max())))
        {
            var facts = model.Facts;
            if (now > facts.NotAfter)
            {
                var claim = LifecycleKeys.Claim($"{EventTypes.Expired}|{model.Id}|{facts.FingerprintSha256}");
                if (!_claimed.ContainsKey(claim))
                    await RecordAsync(model, EventTypes.Expired, null, [claim], receivers.Where(n => n.Wants(EventTypes.Expired)), now, cancellationToken);
                continue;
            }
            var left = facts.NotAfter - now;
            var crossed = thresholds
                .Where(days => left <= TimeSpan.FromDays(days))
                .Select(days => (Days: days, Claim: LifecycleKeys.Claim($"{EventTypes.Expiring}|{model.Id}|{facts.FingerprintSha256}|{days}")))
                .Where(c => !_claimed.ContainsKey(c.Claim))
                .ToList();
            if (crossed.Count == 0) continue;
            // Several thresholds crossed at once (a new object, or a long outage): one event, for the tightest one, to the
            // notifiers that asked for any of them; the looser ones are claimed too and never fire later.
            var days = crossed.Select(c => c.Days).ToHashSet();
            var wanting = receivers.Where(n => n.Wants(EventTypes.Expiring) && n.ThresholdsDays.Any(days.Contains));
            await RecordAsync(model, EventTypes.Expiring, days.Min(), [.. crossed.Select(c => c.Claim)], wanting, now, cancellationToken);
        }
    }

    /// <summary>Records <c>ssl.revoked</c> for the object's current certificate, once.</summary>
    public async Task RecordRevokedAsync(SslObjectModel model, CancellationToken cancellationToken)
    {
        var claim = LifecycleKeys.Claim($"{EventTypes.Revoked}|{model.Id}|{model.Facts.FingerprintSha256}");
        if (_claimed.ContainsKey(claim)) return;
        var receivers = (await notifiers.ListAsync(cancellationToken)).Select(n => n.Record).Where(n => n.Wants(EventTypes.Revoked));
        await RecordAsync(model, EventTypes.Revoked, null, [claim], receivers, time.GetUtcNow(), cancellationToken);
    }

    private async Task RecordAsync(SslObjectModel model, string type, int? thresholdDays, IReadOnlyList<string> claims,
        IEnumerable<NotifierRecord> receivers, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var id = ObjectIds.NewId(now);
        var facts = model.Facts;
        var deliveries = receivers
            .Select(n => new DeliveryRecord(n.Id, DeliveryState.Pending, 0, now, null, null, null, null, null))
            .ToList();
        var record = new EventRecord(id, type, now, thresholdDays,
            new EventSsl(model.Id, model.Name, facts.Snis, facts.NotAfter.ToUniversalTime(), facts.FingerprintSha256), deliveries);
        var mutations = new List<StoreMutation>(claims.Select(c => new StoreMutation.Put(c, id)))
        {
            new StoreMutation.Put(LifecycleKeys.Event(id), EventCodec.Encode(record)),
        };
        if (deliveries.Count > 0) mutations.Add(new StoreMutation.Put(LifecycleKeys.PendingEvent(id), "{}"));
        var result = await store.CommitAsync([.. claims.Select(c => new StoreCondition(c, 0))], mutations, cancellationToken);
        if (result.Succeeded)
        {
            foreach (var claim in claims) _claimed.TryAdd(claim, true);
            metrics.EventRecorded(type);
            LogRecorded(logger, type, id, model.Id, deliveries.Count);
            return;
        }
        // Another control plane recorded it (or part of it) first: learn which claims exist and move on.
        foreach (var claim in claims)
        {
            if (await store.GetAsync(claim, cancellationToken) is not null) _claimed.TryAdd(claim, true);
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "event {Type} {EventId} recorded for ssl {SslId}, {Deliveries} deliveries")]
    private static partial void LogRecorded(ILogger logger, string type, string eventId, string sslId, int deliveries);
}
