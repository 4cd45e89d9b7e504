using Gatehouse.Storage;
using Microsoft.Extensions.Logging;

namespace Gatehouse.ControlPlane.Lifecycle;

/// <summary>
/// Delivers recorded events at least once, with exponential backoff. An attempt first takes a lease on the delivery with
/// a conditional write of the event, so two control planes never attempt the same delivery at once; the result is
/// written back the same way. Only events with a pending marker are read.
/// </summary>
internal sealed partial class EventDelivery(IConfigStore store, NotifierStore notifiers, WebhookSender sender, LifecycleOptions options,
    TimeProvider time, LifecycleMetrics metrics, ILogger<EventDelivery> logger)
{
    public async Task DeliverDueAsync(CancellationToken cancellationToken)
    {
        var pending = await store.ListAsync(LifecycleKeys.Pending, cancellationToken);
        if (pending.Items.Count == 0) return;
        var receivers = (await notifiers.ListAsync(cancellationToken)).ToDictionary(n => n.Record.Id, n => n.Record, StringComparer.Ordinal);
        foreach (var marker in pending.Items)
        {
            await DeliverAsync(marker, receivers, cancellationToken);
        }
    }

    private async Task DeliverAsync(StoreItem marker, Dictionary<string, NotifierRecord> receivers, CancellationToken cancellationToken)
    {
        var id = marker.Key[LifecycleKeys.Pending.Length..];
        var item = await store.GetAsync(LifecycleKeys.Event(id), cancellationToken);
        var record = item is null ? null : EventCodec.TryDecode(item);
        if (item is null || record is null)
        {
            await store.DeleteAsync(marker.Key, marker.ModRevision, cancellationToken);
            return;
        }
        var revision = item.ModRevision;
        for (var i = 0; i < record.Deliveries.Count; i++)
        {
            var delivery = record.Deliveries[i];
            var now = time.GetUtcNow();
            if (delivery.State != DeliveryState.Pending || delivery.NextAttemptAt > now || delivery.LeaseUntil > now) continue;
            DeliveryRecord result;
            if (!receivers.TryGetValue(delivery.NotifierId, out var notifier))
            {
                result = delivery with { State = DeliveryState.Failed, LastError = "the notifier was deleted", LeaseUntil = null };
            }
            else
            {
                var leased = With(record, i, delivery with { LeaseUntil = now + options.Lease });
                var lease = await store.CommitAsync([new StoreCondition(item.Key, revision)],
                    [new StoreMutation.Put(item.Key, EventCodec.Encode(leased))], cancellationToken);
                // Another control plane took it, or changed the event: it will be seen again on the next scan.
                if (!lease.Succeeded) return;
                (record, revision) = (leased, lease.Revision);
                var outcome = await sender.SendAsync(notifier, notifiers.SecretOf(notifier), record, cancellationToken);
                result = Settle(record, delivery, outcome, time.GetUtcNow());
                metrics.DeliveryAttempted(record.Type, result.State switch
                {
                    DeliveryState.Delivered => "delivered",
                    DeliveryState.Failed => "failed",
                    _ => "retry",
                });
                LogAttempt(logger, record.Id, notifier.Id, result.Attempts, result.State, outcome.Status, outcome.Error);
            }
            var updated = With(record, i, result);
            IReadOnlyList<StoreCondition> conditions = [new StoreCondition(item.Key, revision)];
            List<StoreMutation> mutations = [new StoreMutation.Put(item.Key, EventCodec.Encode(updated))];
            if (updated.IsSettled)
            {
                conditions = [.. conditions, new StoreCondition(marker.Key, marker.ModRevision)];
                mutations.Add(new StoreMutation.Delete(marker.Key));
            }
            var written = await store.CommitAsync(conditions, mutations, cancellationToken);
            if (!written.Succeeded) return;
            (record, revision) = (updated, written.Revision);
        }
    }

    private DeliveryRecord Settle(EventRecord record, DeliveryRecord delivery, DeliveryOutcome outcome, DateTimeOffset now)
    {
        var attempts = delivery.Attempts + 1;
        var attempted = delivery with { Attempts = attempts, LastAttemptAt = now, LastStatus = outcome.Status, LastError = outcome.Error, LeaseUntil = null };
        if (outcome.Delivered) return attempted with { State = DeliveryState.Delivered, DeliveredAt = now };
        if (now - record.OccurredAt > options.GiveUpAfter) return attempted with { State = DeliveryState.Failed };
        return attempted with { NextAttemptAt = now + options.Backoff(attempts) };
    }

    private static EventRecord With(EventRecord record, int index, DeliveryRecord delivery)
    {
        var deliveries = record.Deliveries.ToArray();
        deliveries[index] = delivery;
        return record with { Deliveries = deliveries };
    }

    [LoggerMessage(EventId = 301, Level = LogLevel.Information,
        Message = "event {EventId} to notifier {NotifierId}: attempt {Attempt}, {State} (status {Status}, {Error})")]
    private static partial void LogAttempt(ILogger logger, string eventId, string notifierId, int attempt, DeliveryState state, int? status, string? error);
}
