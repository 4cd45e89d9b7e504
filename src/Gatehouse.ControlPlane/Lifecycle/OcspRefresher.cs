using Gatehouse.Configuration;
using Gatehouse.ControlPlane.Configuration;
using Gatehouse.Core.Revocation;
using Gatehouse.Core.Ssl;
using Gatehouse.Storage;
using Microsoft.Extensions.Logging;

namespace Gatehouse.ControlPlane.Lifecycle;

/// <summary>
/// Keeps the OCSP record of every server object whose leaf names a responder (DESIGN.md §12): fetched in the background,
/// verified, stored under <c>/gatehouse/ocsp/{id}</c> for every gateway to staple, refreshed half-way through its
/// validity. A fetch first takes a lease on the record with a conditional write, so a cluster asks the responder once
/// per refresh. A <c>revoked</c> answer raises <c>ssl.revoked</c>.
/// </summary>
internal sealed partial class OcspRefresher(IConfigStore store, ConfigModelHolder holder, OcspFetcher fetcher, EventRecorder recorder,
    LifecycleOptions options, TimeProvider time, LifecycleMetrics metrics, ILogger<OcspRefresher> logger)
{
    private const int ParallelFetches = 8;

    /// <summary>Fetches every response that is due (several at once, so one slow responder holds up no other), records revocations.</summary>
    public async Task RefreshDueAsync(CancellationToken cancellationToken)
    {
        var state = holder.Current;
        var now = time.GetUtcNow();
        var due = new List<(SslObjectModel Model, OcspRecord? Current, long Revision)>();
        foreach (var model in state.SslsInIdOrder())
        {
            if (model.Type != SslObjectType.Server || model.Facts.OcspResponders.Count == 0) continue;
            var entry = state.Ocsp.GetValueOrDefault(model.Id);
            var current = entry is not null && entry.Record.FingerprintSha256 == model.Facts.FingerprintSha256 ? entry.Record : null;
            if (current is not null && (current.NextFetchAt > now || current.LeaseUntil > now))
            {
                if (current.Revokes(model.Facts.FingerprintSha256)) await recorder.RecordRevokedAsync(model, cancellationToken);
                continue;
            }
            due.Add((model, current, entry?.Revision ?? 0));
        }
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = ParallelFetches, CancellationToken = cancellationToken },
            (d, ct) => new ValueTask(FetchAsync(d.Model, d.Current, d.Revision, ct)));
        foreach (var (id, gone) in state.Ocsp.Where(e => !state.Ssls.ContainsKey(e.Key)))
            await store.DeleteAsync(StoreKeys.Ocsp(id), gone.Revision, cancellationToken);
        metrics.ObserveOcsp(state);
    }

    private async Task FetchAsync(SslObjectModel model, OcspRecord? current, long revision, CancellationToken cancellationToken)
    {
        var key = StoreKeys.Ocsp(model.Id);
        var fingerprint = model.Facts.FingerprintSha256;
        var now = time.GetUtcNow();
        var leased = (current ?? new OcspRecord(model.Id, fingerprint, null, null, null, null, null, null, null, 0, now, null))
            with { LeaseUntil = now + options.Lease };
        var lease = await store.CommitAsync([new StoreCondition(key, revision)], [new StoreMutation.Put(key, leased.Encode())], cancellationToken);
        // Another control plane is fetching it (or the object's record changed): seen again on the next scan.
        if (!lease.Succeeded) return;

        OcspRecord result;
        try
        {
            var answer = await fetcher.FetchAsync(model.Facts, time, cancellationToken);
            var fetchedAt = time.GetUtcNow();
            result = leased with
            {
                Status = answer.Status.ToString().ToLowerInvariant(), ThisUpdate = answer.ThisUpdate, NextUpdate = answer.NextUpdate,
                RevokedAt = answer.RevokedAt, FetchedAt = fetchedAt, Error = null, Response = Convert.ToBase64String(answer.Der),
                Failures = 0, NextFetchAt = options.OcspRefreshAt(answer.ThisUpdate, answer.NextUpdate, fetchedAt), LeaseUntil = null,
            };
            metrics.OcspFetched(result.Status!);
            LogFetched(logger, model.Id, result.Status, answer.NextUpdate);
        }
        catch (OcspException e)
        {
            var failedAt = time.GetUtcNow();
            // The last good response keeps being stapled while it is valid; a revocation is never forgotten.
            var stillValid = leased.Response is not null && (leased.NextUpdate is not { } next || next > failedAt);
            result = leased with
            {
                Status = leased.Status == OcspRecord.Revoked || stillValid ? leased.Status : null,
                Response = stillValid ? leased.Response : null,
                Error = e.Message, Failures = leased.Failures + 1,
                NextFetchAt = failedAt + options.OcspBackoff(leased.Failures + 1), LeaseUntil = null,
            };
            metrics.OcspFetched("error");
            LogFailed(logger, model.Id, e.Message);
        }
        var written = await store.CommitAsync([new StoreCondition(key, lease.Revision)], [new StoreMutation.Put(key, result.Encode())], cancellationToken);
        if (written.Succeeded && result.Revokes(fingerprint)) await recorder.RecordRevokedAsync(model, cancellationToken);
    }

    [LoggerMessage(EventId = 310, Level = LogLevel.Information, Message = "OCSP for ssl {SslId}: {Status}, next update {NextUpdate}")]
    private static partial void LogFetched(ILogger logger, string sslId, string? status, DateTimeOffset? nextUpdate);

    [LoggerMessage(EventId = 311, Level = LogLevel.Warning, Message = "OCSP for ssl {SslId} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string sslId, string reason);
}
