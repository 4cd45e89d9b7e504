using Gatehouse.Core.Ids;
using Gatehouse.Storage;

namespace Gatehouse.ControlPlane.Lifecycle;

internal sealed partial class EventRecorder
{
    /// <summary>
    /// Records <c>acme.renewed</c> or <c>acme.failed</c> for one ACME attempt. The attempt's start names the crossing, so a
    /// control plane that records it twice (a retried write) records it once; the lease already makes one node the author.
    /// </summary>
    public async Task RecordAcmeAsync(string type, string sslId, IReadOnlyList<string> snis, DateTimeOffset? notAfter,
        string? fingerprint, string detail, DateTimeOffset attemptStartedAt, CancellationToken cancellationToken)
    {
        var claim = LifecycleKeys.Claim($"{type}|{sslId}|{attemptStartedAt.UtcTicks}");
        var receivers = (await notifiers.ListAsync(cancellationToken)).Select(n => n.Record).Where(n => n.Wants(type));
        var now = time.GetUtcNow();
        var id = ObjectIds.NewId(now);
        var deliveries = receivers.Select(n => new DeliveryRecord(n.Id, DeliveryState.Pending, 0, now, null, null, null, null, null)).ToList();
        var record = new EventRecord(id, type, now, null, new EventSsl(sslId, null, snis, notAfter?.ToUniversalTime(), fingerprint), deliveries, detail);
        var mutations = new List<StoreMutation>
        {
            new StoreMutation.Put(claim, id),
            new StoreMutation.Put(LifecycleKeys.Event(id), EventCodec.Encode(record)),
        };
        if (deliveries.Count > 0) mutations.Add(new StoreMutation.Put(LifecycleKeys.PendingEvent(id), "{}"));
        var result = await store.CommitAsync([new StoreCondition(claim, 0)], mutations, cancellationToken);
        if (!result.Succeeded) return;
        metrics.EventRecorded(type);
        LogRecorded(logger, type, id, sslId, deliveries.Count);
    }
}
