using Gatehouse.Configuration;
using Gatehouse.ControlPlane.Api;
using Gatehouse.ControlPlane.Configuration;
using Gatehouse.ControlPlane.Hosting;
using Gatehouse.Core.Ids;
using Gatehouse.Core.Services;
using Gatehouse.Core.Ssl;
using Gatehouse.Core.Validation;
using Gatehouse.Storage;
using Microsoft.Extensions.Logging;

namespace Gatehouse.ControlPlane.Services;

/// <summary>Creates, replaces and deletes services with every rule of DESIGN.md §4 and §5 checked in the commit.</summary>
public sealed partial class ServiceWriter(FencedWriter writer, AdminEndPoint admin, TimeProvider time, AuditActor actor, ILogger<ServiceWriter> logger)
{
    public async Task<ServiceWriteOutcome> CreateAsync(ServiceRecord draft, List<ValidationError> shapeErrors, bool dryRun,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var record = Validate(draft, shapeErrors) with { Id = ObjectIds.NewId(now), CreatedAt = now, UpdatedAt = now };
        var key = StoreKeys.Service(record.Id);
        var (_, revision) = await writer.WriteAsync(state =>
        {
            record = CheckReferences(state, record);
            if (dryRun) return null;
            return new WritePlan([new StoreCondition(key, 0)], [new StoreMutation.Put(key, ConfigCodec.Encode(record))]);
        }, cancellationToken);
        if (!dryRun) LogAudit(logger, actor.Describe(), "create", record.Id, revision);
        return new ServiceWriteOutcome(record, revision, dryRun);
    }

    public async Task<ServiceWriteOutcome> ReplaceAsync(string id, ServiceRecord draft, List<ValidationError> shapeErrors,
        long? ifMatch, bool dryRun, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var validated = Validate(draft, shapeErrors);
        var key = StoreKeys.Service(id);
        ServiceRecord? record = null;
        var (_, revision) = await writer.WriteAsync(state =>
        {
            var existing = state.Services.GetValueOrDefault(id) ?? throw DomainError.NotFound("service");
            var stored = state.RevisionOf(key)!.Value;
            if (ifMatch is { } expected && expected != stored)
                throw DomainError.Stale("service");
            record = CheckReferences(state, validated with { Id = id, CreatedAt = existing.Record.CreatedAt, UpdatedAt = now });
            if (dryRun) return null;
            return new WritePlan([new StoreCondition(key, stored)], [new StoreMutation.Put(key, ConfigCodec.Encode(record))]);
        }, cancellationToken);
        if (!dryRun) LogAudit(logger, actor.Describe(), "update", id, revision);
        return new ServiceWriteOutcome(record!, revision, dryRun);
    }

    public async Task DeleteAsync(string id, long? ifMatch, CancellationToken cancellationToken)
    {
        var key = StoreKeys.Service(id);
        var (_, revision) = await writer.WriteAsync(state =>
        {
            if (state.RevisionOf(key) is not { } stored) throw DomainError.NotFound("service");
            if (ifMatch is { } expected && expected != stored)
                throw DomainError.Stale("service");
            var conditions = new[] { new StoreCondition(key, stored) };
            return new WritePlan(conditions, [new StoreMutation.Delete(key)]);
        }, cancellationToken);
        LogAudit(logger, actor.Describe(), "delete", id, revision);
    }

    private ServiceRecord Validate(ServiceRecord draft, List<ValidationError> shapeErrors)
    {
        try
        {
            return ServiceValidator.Validate(draft, admin.EndPoint, shapeErrors);
        }
        catch (ValidationErrors e)
        {
            throw DomainError.FromValidation(e);
        }
    }

    /// <summary>
    /// Route conflicts, name conflicts and client object references, against the model the commit is conditioned on:
    /// O(hosts × log N). Returns the record with <c>client_ssl</c> resolved to <c>client_ssl_id</c>.
    /// </summary>
    private static ServiceRecord CheckReferences(ConfigModel state, ServiceRecord record)
    {
        var errors = new List<ValidationError>();
        if (record.Upstream.ClientSslName is { } clientName)
        {
            var named = state.SslsNamed(clientName);
            if (named.Count == 0)
                errors.Add(new("upstream.client_ssl", "invalid_reference", "upstream.client_ssl names no SSL object."));
            else if (record.Upstream.ClientSslId is { } given && given != named[0].Id)
                errors.Add(new("upstream.client_ssl", "invalid_reference", "upstream.client_ssl and upstream.client_ssl_id name different SSL objects; give one."));
            else
                record = record with { Upstream = record.Upstream with { ClientSslId = named[0].Id, ClientSslName = null } };
        }
        if (errors.Count == 0 && record.Upstream.ClientSslId is { } clientId)
        {
            var referenced = state.Ssls.GetValueOrDefault(clientId);
            if (referenced is null)
                errors.Add(new("upstream.client_ssl_id", "invalid_reference", "upstream.client_ssl_id names no SSL object."));
            else if (referenced.Type != SslObjectType.Client)
                errors.Add(new("upstream.client_ssl_id", "type_mismatch", "upstream.client_ssl_id must name a client SSL object (type \"client\")."));
        }
        if (errors.Count > 0) throw new DomainError(DomainErrorKind.Invalid, errors);

        var conflicts = record.Hosts.SelectMany(host => state.ServicesOnHost(host)
                .Where(s => s.Id != record.Id && s.Record.PathPrefix == record.PathPrefix).Select(other => (Host: host, Other: other)))
            .OrderBy(c => c.Other.Id, StringComparer.Ordinal);
        foreach (var (host, other) in conflicts)
        {
            errors.Add(new("hosts", "route_conflict",
                $"Service {other.Id} already routes {host} with path_prefix {record.PathPrefix}; change the host or the prefix."));
        }
        if (state.ServicesNamed(record.Name).FirstOrDefault(s => s.Id != record.Id) is { } sameName)
            errors.Add(new("name", "name_conflict", $"Service {sameName.Id} already has this name; names are unique."));
        if (errors.Count > 0) throw new DomainError(DomainErrorKind.Conflict, errors);
        return record;
    }

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "audit: {Actor} {Action} service {Id} at revision {Revision}")]
    private static partial void LogAudit(ILogger logger, string actor, string action, string id, long revision);
}
