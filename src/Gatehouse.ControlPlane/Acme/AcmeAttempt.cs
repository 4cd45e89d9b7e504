using Gatehouse.Core.Validation;
using System.Security.Cryptography.X509Certificates;
using Gatehouse.Acme;
using Gatehouse.ControlPlane.Configuration;
using Gatehouse.ControlPlane.Lifecycle;
using Gatehouse.Core.Ssl;
using Gatehouse.Storage;
using Microsoft.Extensions.Logging;

namespace Gatehouse.ControlPlane.Acme;

/// <summary>
/// One ACME attempt for one managed object: take the lease (a conditional write of its record, so one node works on an
/// order at a time, with any number of control planes), create the account on first use, order, store the chain as a
/// new revision of the object, schedule the renewal; on failure, back off and report. The old certificate keeps
/// serving until the new one is stored.
/// </summary>
internal sealed partial class AcmeAttempt(IConfigStore store, IssuerStore issuers, Gatehouse.ControlPlane.Ssl.SslObjectService service, ManagedCertificateWriter writer,
    EventRecorder events, AcmeOptions options, TimeProvider time, ILogger<AcmeAttempt> logger)
{
    public async Task RunAsync(ManagedRecord record, long revision, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var leased = record with { State = "ordering", LeaseOwner = options.NodeId, LeaseUntil = started + options.Lease, LastAttemptAt = started, Orders = record.Orders + 1 };
        var lease = await store.PutAsync(AcmeKeys.ManagedObject(record.Id), ManagedCodec.Encode(leased), revision, cancellationToken);
        // Another control plane took it first (or the operator changed it): it is seen again on the next pass.
        if (!lease.Succeeded) return;
        LogOrdering(logger, record.Id, string.Join(",", record.Domains), options.NodeId);

        using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attemptTimeout.CancelAfter(options.Lease - TimeSpan.FromSeconds(30));
        var current = service.Model.Ssls.GetValueOrDefault(record.Id);
        try
        {
            var facts = await IssueAsync(record, current, attemptTimeout.Token);
            await SucceededAsync(record, current, facts, started, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            await FailedAsync(record, current, Describe(e), (e as AcmeException)?.RetryAfter, started, cancellationToken);
        }
    }

    private async Task<(CertificateFacts Facts, RenewalWindow? Window)> IssueAsync(ManagedRecord record, SslObjectModel? current,
        CancellationToken cancellationToken)
    {
        var (issuer, issuerRevision) = await issuers.GetAsync(record.Issuer, cancellationToken);
        AcmeKeyTypes.TryParse(issuer.KeyType, out var keyType);
        using var http = IssuerHttp.Create(issuer);
        using var key = issuers.AccountKeyOf(issuer) ?? AcmeKey.Create(keyType);
        var client = new AcmeClient(http, new Uri(issuer.DirectoryUrl), key, time);
        if (issuer.AccountUrl is { } accountUrl) client.AccountUrl = accountUrl;
        else
        {
            var url = await client.NewAccountAsync(issuer.Contact, issuers.EabOf(issuer), cancellationToken);
            await issuers.SaveAccountAsync(issuer, issuerRevision, key, url, cancellationToken);
        }
        var directory = await client.DirectoryAsync(cancellationToken);
        var replaces = directory.RenewalInfo is not null && current is not null ? AriCertificateId.For(current.Facts.Leaf) : null;
        var publisher = new StoreChallengePublisher(store, options, time);
        var issued = await new AcmeIssuance(client, key, publisher).IssueAsync(record.Domains, record.Challenge, keyType, replaces, cancellationToken);
        var facts = await writer.WriteAsync(record, issued.ChainPem, issued.PrivateKeyPem, cancellationToken);
        RenewalWindow? window = null;
        try
        {
            window = await client.GetRenewalInfoAsync(facts.Leaf, cancellationToken);
        }
        catch (Exception e) when (e is AcmeException or HttpRequestException)
        {
            // ARI is advice: without it the renewal falls at two thirds of the lifetime.
            LogNoRenewalInfo(logger, record.Id, e.GetType().Name);
        }
        return (facts, window);
    }

    private async Task SucceededAsync(ManagedRecord record, SslObjectModel? previous, (CertificateFacts Facts, RenewalWindow? Window) issued,
        DateTimeOffset started, CancellationToken cancellationToken)
    {
        var facts = issued.Facts;
        // Counted from this node's clock at issuance when that clock already stands past the certificate's renewal point:
        // a fresh certificate is never renewed again at once.
        var renewAt = RenewalSchedule.RenewAt(facts.NotBefore, facts.NotAfter, issued.Window, Random.Shared.NextDouble(), time.GetUtcNow());
        var outcome = previous is null ? "issued" : "renewed";
        await FinishAsync(record.Id, r => r.WithHistory(new AcmeHistoryEntry(time.GetUtcNow(), outcome, null, facts.NotAfter, facts.FingerprintSha256)) with
        {
            State = "valid", Error = null, Failures = 0, RenewAfter = renewAt, NextAttemptAt = renewAt, IssuedAt = r.IssuedAt ?? time.GetUtcNow(),
        }, cancellationToken);
        LogIssued(logger, record.Id, outcome, facts.NotAfter, renewAt);
        await events.RecordAcmeAsync(EventTypes.AcmeRenewed, record.Id, facts.Snis, facts.NotAfter, facts.FingerprintSha256,
            $"certificate {outcome}, valid until {facts.NotAfter:O}", started, cancellationToken);
    }

    private async Task FailedAsync(ManagedRecord record, SslObjectModel? current, string error, TimeSpan? retryAfter, DateTimeOffset started,
        CancellationToken cancellationToken)
    {
        var failures = record.Failures + 1;
        var next = time.GetUtcNow() + RenewalSchedule.Backoff(failures, Random.Shared.NextDouble(), retryAfter);
        await FinishAsync(record.Id, r => r.WithHistory(new AcmeHistoryEntry(time.GetUtcNow(), "failed", error, null, null)) with
        {
            State = "failed", Error = error, Failures = failures, NextAttemptAt = next,
        }, cancellationToken);
        LogFailed(logger, record.Id, failures, error, next);
        await events.RecordAcmeAsync(EventTypes.AcmeFailed, record.Id, current?.Facts.Snis ?? record.Domains, current?.Facts.NotAfter,
            current?.Facts.FingerprintSha256, error, started, cancellationToken);
    }

    /// <summary>Writes the outcome and releases the lease; an object detached or deleted meanwhile is left alone.</summary>
    private async Task FinishAsync(string id, Func<ManagedRecord, ManagedRecord> apply, CancellationToken cancellationToken)
    {
        var key = AcmeKeys.ManagedObject(id);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var item = await store.GetAsync(key, cancellationToken);
            if (item is null || ManagedCodec.Decode(item.Value) is not { } fresh) return;
            var updated = apply(fresh) with { LeaseOwner = null, LeaseUntil = null };
            // A renewal forced while this attempt ran keeps its "now".
            if (fresh.NextAttemptAt is { } forced && fresh.LastAttemptAt is { } began && forced > began && forced <= time.GetUtcNow())
                updated = updated with { NextAttemptAt = forced };
            if ((await store.PutAsync(key, ManagedCodec.Encode(updated), item.ModRevision, cancellationToken)).Succeeded) return;
        }
    }

    /// <summary>A message for the record and the logs: the CA's problem, or what failed, never a secret or a stack.</summary>
    private static string Describe(Exception e) => e switch
    {
        AcmeException acme => acme.Message,
        HttpRequestException http => $"could not reach the CA ({http.HttpRequestError})",
        OperationCanceledException => "the attempt took longer than its lease",
        Gatehouse.Core.Validation.ValidationErrors invalid => "the CA's certificate was refused: " + invalid.Errors[0].Message,
        Gatehouse.Core.Validation.DomainError { Kind: Gatehouse.Core.Validation.DomainErrorKind.NotFound } => "the issuer no longer exists",
        _ => $"unexpected {e.GetType().Name}",
    };

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "acme: ordering for ssl {Id} ({Domains}) on {Node}")]
    private static partial void LogOrdering(ILogger logger, string id, string domains, string node);

    [LoggerMessage(EventId = 402, Level = LogLevel.Information, Message = "acme: ssl {Id} {Outcome}, valid until {NotAfter:O}, renewal at {RenewAt:O}")]
    private static partial void LogIssued(ILogger logger, string id, string outcome, DateTimeOffset notAfter, DateTimeOffset renewAt);

    [LoggerMessage(EventId = 403, Level = LogLevel.Warning, Message = "acme: ssl {Id} attempt failed ({Failures} in a row): {Error}; next attempt at {Next:O}")]
    private static partial void LogFailed(ILogger logger, string id, int failures, string error, DateTimeOffset next);

    [LoggerMessage(EventId = 404, Level = LogLevel.Debug, Message = "acme: no renewalInfo for ssl {Id} ({Error})")]
    private static partial void LogNoRenewalInfo(ILogger logger, string id, string error);
}
