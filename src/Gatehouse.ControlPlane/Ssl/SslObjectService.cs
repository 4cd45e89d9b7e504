using Gatehouse.Configuration;
using Gatehouse.ControlPlane.Configuration;
using Gatehouse.ControlPlane.Hosting;
using Gatehouse.Core.Ids;
using Gatehouse.Core.Secrets;
using Gatehouse.Core.Ssl;
using Gatehouse.Core.Validation;
using Gatehouse.Storage;
using Microsoft.Extensions.Logging;

namespace Gatehouse.ControlPlane.Ssl;

/// <summary>Creates, replaces and deletes SSL objects with every rule of DESIGN.md §2 and §5 checked.</summary>
public sealed partial class SslObjectService(
    ConfigModelHolder holder, FencedWriter writer, Keyring keyring, TimeProvider time,
    AuditActor actor, ILogger<SslObjectService> logger)
{
    /// <summary>The current model (no store read).</summary>
    public ConfigModel Model => holder.Current;

    public async Task<WriteOutcome> CreateAsync(SslObjectRequest request, List<ValidationError> shapeErrors, bool dryRun,
        bool force, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var type = request.Type ?? SslObjectType.Server;
        var validated = Validate(request, type, request.PrivateKey, keyIsStored: false, request.AltPrivateKey, altKeyIsStored: false, shapeErrors, now);
        var id = ObjectIds.NewId(now);
        var key = StoreKeys.Ssl(id);
        SslImpact? impact = null;
        var (written, revision) = await writer.WriteAsync(state =>
        {
            CheckFallback(state, request, id);
            CheckName(state, request.Name, id);
            var record = NewRecord(id, type, request, validated, now, now);
            // A new object can win the selection for a host (newer not_after) and so take away its peer authentication.
            var model = SslObjectModel.Load(record, state.Revision + 1, now);
            var hosts = SslGuards.Check(state, removed: null, added: model, force || dryRun, now);
            impact = SslImpact.Between([], validated.Facts.Snis, hosts);
            if (dryRun) return null;
            return new WritePlan([new StoreCondition(key, 0)], [new StoreMutation.Put(key, ConfigCodec.Encode(record))]);
        }, cancellationToken);
        if (dryRun) return new WriteOutcome(null, impact!, validated.Warnings);
        LogAudit(logger, actor.Describe(), "create", id, revision);
        return new WriteOutcome(Stored(written, id), impact!, validated.Warnings);
    }

    public async Task<WriteOutcome> ReplaceAsync(string id, SslObjectRequest request, List<ValidationError> shapeErrors,
        long? ifMatch, bool dryRun, bool force, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var key = StoreKeys.Ssl(id);
        SslImpact? impact = null;
        ValidatedSslObject? validated = null;
        var (written, revision) = await writer.WriteAsync(state =>
        {
            var existing = state.Ssls.GetValueOrDefault(id) ?? throw DomainError.NotFound("SSL object");
            var stored = state.RevisionOf(key)!.Value;
            if (ifMatch is { } expected && expected != stored)
                throw DomainError.Stale("object");
            var errors = new List<ValidationError>(shapeErrors);
            if (request.Type is { } type && type != existing.Type)
                errors.Add(new("type", "immutable_field", "type cannot change after create; create a new object instead."));
            var storedRecord = existing.Record;
            var keyIsStored = request.PrivateKey is null;
            var keyPem = request.PrivateKey ?? keyring.Decrypt(storedRecord.PrivateKey, key);
            // Like the primary key, the alt key may be omitted when the new alt leaf keeps the stored one.
            var altKeyIsStored = request.AltPrivateKey is null && request.AltCertificate is not null && storedRecord.AltPrivateKey is not null;
            var altKeyPem = altKeyIsStored
                ? keyring.Decrypt(storedRecord.AltPrivateKey!, SslObjectRecord.AltKeyContext(key))
                : request.AltPrivateKey;
            validated = Validate(request, existing.Type, keyPem, keyIsStored, altKeyPem, altKeyIsStored, errors, now);
            CheckFallback(state, request, id);
            CheckName(state, request.Name, id);
            var record = NewRecord(id, existing.Type, request, validated, storedRecord.CreatedAt, now);
            var model = SslObjectModel.Load(record, state.Revision + 1, now);
            // A dry run reports the impact instead of refusing (docs/decisions.md: dry runs answer 200 with the impact).
            var hosts = SslGuards.Check(state, removed: existing, added: model, force || dryRun, now);
            impact = SslImpact.Between(existing.Facts.Snis, validated.Facts.Snis, hosts);
            if (dryRun) return null;
            return new WritePlan([new StoreCondition(key, stored)], [new StoreMutation.Put(key, ConfigCodec.Encode(record))]);
        }, cancellationToken);
        if (dryRun) return new WriteOutcome(null, impact!, validated!.Warnings);
        LogAudit(logger, actor.Describe(), "update", id, revision);
        return new WriteOutcome(Stored(written, id), impact!, validated!.Warnings);
    }

    public async Task DeleteAsync(string id, long? ifMatch, bool force, CancellationToken cancellationToken)
    {
        var key = StoreKeys.Ssl(id);
        var now = time.GetUtcNow();
        var (_, revision) = await writer.WriteAsync(state =>
        {
            if (state.RevisionOf(key) is not { } stored) throw DomainError.NotFound("SSL object");
            if (ifMatch is { } expected && expected != stored)
                throw DomainError.Stale("object");
            SslGuards.Check(state, removed: state.Ssls.GetValueOrDefault(id), added: null, force, now);
            var conditions = new[] { new StoreCondition(key, stored) };
            return new WritePlan(conditions, [new StoreMutation.Delete(key)]);
        }, cancellationToken);
        LogAudit(logger, actor.Describe(), "delete", id, revision);
    }

    /// <summary>The object as the model holds it once the write is reflected (deleted again meanwhile: not found).</summary>
    private static SslObjectModel Stored(ConfigModel model, string id) =>
        model.Ssls.GetValueOrDefault(id) ?? throw DomainError.NotFound("SSL object");

    private static ValidatedSslObject Validate(SslObjectRequest request, SslObjectType type, string? keyPem, bool keyIsStored,
        string? altKeyPem, bool altKeyIsStored, List<ValidationError> shapeErrors, DateTimeOffset now)
    {
        var input = request.ToInput(type, keyPem, keyIsStored, altKeyPem, altKeyIsStored);
        ValidatedSslObject validated;
        try
        {
            validated = SslObjectValidator.Validate(input, now);
        }
        catch (ValidationErrors e)
        {
            throw DomainError.FromValidation(new ValidationErrors([.. shapeErrors, .. e.Errors]));
        }
        if (shapeErrors.Count > 0) throw DomainError.FromValidation(new ValidationErrors(shapeErrors));
        return validated;
    }

    private static void CheckFallback(ConfigModel state, SslObjectRequest request, string id)
    {
        if (!request.Fallback) return;
        var other = state.Sni.Fallback is { } fallback && fallback.Id != id ? fallback : null;
        if (other is not null)
        {
            throw new DomainError(DomainErrorKind.Conflict, [new ValidationError("fallback", "fallback_conflict",
                $"SSL object {other.Id} is already the fallback; clear its fallback flag first (at most one object is).")]);
        }
    }

    /// <summary>Names are unique among SSL objects (DESIGN.md §13), checked against the state the commit is conditioned on.</summary>
    private static void CheckName(ConfigModel state, string? name, string id)
    {
        if (name is not null && state.SslsNamed(name).FirstOrDefault(m => m.Id != id) is { } other)
            throw new DomainError(DomainErrorKind.Conflict, [new ValidationError("name", "name_conflict", $"SSL object {other.Id} already has this name; names are unique.")]);
    }

    private SslObjectRecord NewRecord(string id, SslObjectType type, SslObjectRequest request, ValidatedSslObject validated,
        DateTimeOffset createdAt, DateTimeOffset updatedAt) => SslRecords.Build(keyring, id, type, request, validated, createdAt, updatedAt);

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "audit: {Actor} {Action} ssl {Id} at revision {Revision}")]
    private static partial void LogAudit(ILogger logger, string actor, string action, string id, long revision);
}
