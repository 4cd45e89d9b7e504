using Gatehouse.Configuration;
using Gatehouse.ControlPlane.Configuration;
using Gatehouse.ControlPlane.Ssl;
using Gatehouse.Core.Coverage;
using Gatehouse.Core.Ids;
using Gatehouse.Core.Secrets;
using Gatehouse.Core.Services;
using Gatehouse.Core.Sni;
using Gatehouse.Core.Ssl;
using Gatehouse.Core.Validation;
using Gatehouse.Storage;

namespace Gatehouse.ControlPlane.Declarative;

/// <summary>
/// Plans an apply (DESIGN.md §13) against one configuration state: validates every object of the document and reports
/// every error at once (invalid, or a conflict when every error is one), matches objects by name, works out what changes field by field, and
/// evaluates the guards on the <em>final</em> state only, so swapping two certificates between names is no downgrade
/// midway. The state is read once per plan, never per object.
/// </summary>
internal sealed class ApplyPlanner(Keyring keyring, System.Net.IPEndPoint? adminEndPoint)
{
    public ApplyPlan Plan(ConfigModel state, DesiredState desired, ApplyOptions options, IReadOnlyList<ValidationError> shapeErrors, DateTimeOffset now)
    {
        var errors = new List<ValidationError>(shapeErrors);
        var selector = options.Selector;
        var ssls = desired.Ssls.Where(s => selector.Matches(s.Request.Labels)).ToList();
        var services = desired.Services.Where(s => selector.Matches(s.Draft.Labels)).ToList();
        var skipped = desired.Ssls.Count - ssls.Count + desired.Services.Count - services.Count;

        var plannedSsls = ssls.Select(s => PlanSsl(state, s, errors, now)).ToList();
        var sslNames = ssls.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var deletedSsls = options.Prune
            ? state.SslsInIdOrder().Where(m => m.Name is { } name && !sslNames.Contains(name) && selector.Matches(m.Labels)).ToList()
            : [];
        var final = new FinalSsls(state, plannedSsls, deletedSsls);
        CheckFallback(final, plannedSsls, errors);

        var plannedServices = services.Select(s => PlanService(state, s, final, errors, now)).ToList();
        var serviceNames = services.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var deletedServices = options.Prune
            ? state.ServicesInIdOrder().Where(s => !serviceNames.Contains(s.Record.Name) && selector.Matches(s.Record.Labels)).ToList()
            : [];
        var finalServices = FinalServices(state, plannedServices, deletedServices);
        CheckRoutes(finalServices, errors);
        if (errors.Count > 0) throw Refusal(errors);

        var (after, impact) = Impact(state, final, plannedSsls, finalServices, now);
        var guards = Guards(impact, final, finalServices, plannedServices);
        var coverage = plannedServices.SelectMany(p => Coverage(p.Record, after, final, now)).ToList();
        return new ApplyPlan(Writes(state, plannedSsls, deletedSsls, plannedServices, deletedServices),
            [.. plannedSsls.Select(p => p.Change), .. deletedSsls.Select(m => Deleted(m.Name!))],
            [.. plannedServices.Select(p => p.Change), .. deletedServices.Select(s => Deleted(s.Record.Name))],
            guards, impact, coverage, skipped, state.Revision);
    }

    private static ObjectChange Deleted(string name) => new(name, "delete", [], []);

    /// <summary>Invalid when any error is about the input itself, else a conflict (name, route and fallback conflicts); every error listed.</summary>
    private static DomainError Refusal(List<ValidationError> errors)
    {
        var conflict = errors.All(e => e.Code is "name_conflict" or "route_conflict" or "fallback_conflict");
        var ordered = errors.OrderBy(e => e.Code is "name_conflict" or "route_conflict" or "fallback_conflict" ? 1 : 0).ToList();
        return new DomainError(conflict ? DomainErrorKind.Conflict : DomainErrorKind.Invalid, ordered);
    }

    private PlannedSsl PlanSsl(ConfigModel state, DesiredSsl desired, List<ValidationError> errors, DateTimeOffset now)
    {
        var request = desired.Request;
        var matches = state.SslsNamed(desired.Name);
        if (matches.Count > 1)
            errors.Add(new($"{desired.Path}.name", "name_conflict", $"SSL objects {string.Join(", ", matches.Select(m => m.Id))} share this name in the store; rename all but one first."));
        var existing = matches.FirstOrDefault();
        var type = existing?.Type ?? request.Type ?? SslObjectType.Server;
        if (existing is not null && request.Type is { } asked && asked != existing.Type)
            errors.Add(new($"{desired.Path}.type", "immutable_field", "type cannot change after create; give the new object another name."));
        var key = existing is null ? null : StoreKeys.Ssl(existing.Id);
        var stored = existing?.Record;
        var keyIsStored = request.PrivateKey is null && stored is not null;
        var keyPem = keyIsStored ? keyring.Decrypt(stored!.PrivateKey, key!) : request.PrivateKey;
        var altKeyIsStored = request.AltPrivateKey is null && request.AltCertificate is not null && stored?.AltPrivateKey is not null;
        var altKeyPem = altKeyIsStored ? keyring.Decrypt(stored!.AltPrivateKey!, SslObjectRecord.AltKeyContext(key!)) : request.AltPrivateKey;
        ValidatedSslObject validated;
        try
        {
            validated = SslObjectValidator.Validate(request.ToInput(type, keyPem, keyIsStored, altKeyPem, altKeyIsStored), now);
        }
        catch (ValidationErrors e)
        {
            errors.AddRange(ApplyDocumentReader.Under(desired.Path, e.Errors));
            return new PlannedSsl(desired, existing, null, null, new(desired.Name, "invalid", [], []));
        }
        var id = existing?.Id ?? ObjectIds.NewId(now);
        var record = SslRecords.Build(keyring, id, type, request, validated, stored?.CreatedAt ?? now, now);
        if (existing is null || stored is null) return new PlannedSsl(desired, null, record, validated, new(desired.Name, "create", [], validated.Warnings));
        var fields = SslRecords.ChangedFields(stored, record);
        return fields.Count == 0
            ? new PlannedSsl(desired, existing, null, validated, new(desired.Name, "unchanged", [], validated.Warnings))
            : new PlannedSsl(desired, existing, record, validated, new(desired.Name, "update", fields, validated.Warnings));
    }

    private static void CheckFallback(FinalSsls final, List<PlannedSsl> planned, List<ValidationError> errors)
    {
        var fallbacks = final.FallbackIds();
        if (fallbacks.Count <= 1) return;
        var path = planned.FirstOrDefault(p => p.Desired.Request.Fallback)?.Desired.Path;
        errors.Add(new(path is null ? "fallback" : $"{path}.fallback", "fallback_conflict",
            $"{fallbacks.Count} SSL objects would be the fallback ({string.Join(", ", fallbacks.Select(final.Describe))}); at most one is."));
    }

    private PlannedService PlanService(ConfigModel state, DesiredService desired, FinalSsls final, List<ValidationError> errors, DateTimeOffset now)
    {
        var matches = state.ServicesNamed(desired.Name);
        if (matches.Count > 1)
            errors.Add(new($"{desired.Path}.name", "name_conflict", $"Services {string.Join(", ", matches.Select(m => m.Id))} share this name in the store; rename all but one first."));
        var existing = matches.FirstOrDefault();
        ServiceRecord validated;
        try
        {
            validated = ServiceValidator.Validate(desired.Draft, adminEndPoint, []);
        }
        catch (ValidationErrors e)
        {
            errors.AddRange(ApplyDocumentReader.Under(desired.Path, e.Errors));
            return new PlannedService(desired, existing, null, new(desired.Name, "invalid", [], []));
        }
        var upstream = validated.Upstream;
        var clientId = upstream.ClientSslId;
        if (upstream.ClientSslName is { } clientName)
        {
            clientId = final.IdNamed(clientName);
            if (clientId is null)
                errors.Add(new($"{desired.Path}.upstream.client_ssl", "invalid_reference", "upstream.client_ssl names no SSL object of the final configuration."));
        }
        else if (clientId is not null && !final.Contains(clientId))
        {
            errors.Add(new($"{desired.Path}.upstream.client_ssl_id", "invalid_reference", "upstream.client_ssl_id names no SSL object of the final configuration."));
            clientId = null;
        }
        if (clientId is not null && final.TypeOf(clientId) != SslObjectType.Client)
            errors.Add(new($"{desired.Path}.upstream.client_ssl", "type_mismatch", "upstream.client_ssl must name a client SSL object (type \"client\")."));
        var record = validated with
        {
            Id = existing?.Id ?? ObjectIds.NewId(now),
            CreatedAt = existing?.Record.CreatedAt ?? now,
            UpdatedAt = now,
            Upstream = upstream with { ClientSslId = clientId, ClientSslName = null },
        };
        if (existing is null) return new PlannedService(desired, null, record, new(desired.Name, "create", [], ServiceViewWarnings(record)));
        var fields = ServiceFields.Changed(existing.Record, record);
        return fields.Count == 0
            ? new PlannedService(desired, existing, existing.Record, new(desired.Name, "unchanged", [], ServiceViewWarnings(record)))
            : new PlannedService(desired, existing, record, new(desired.Name, "update", fields, ServiceViewWarnings(record)));
    }

    private static IReadOnlyList<string> ServiceViewWarnings(ServiceRecord record) => Services.ServiceView.WarningsOf(record);

    private static List<ServiceModel> FinalServices(ConfigModel state, List<PlannedService> planned, List<ServiceModel> deleted)
    {
        var replaced = planned.Where(p => p.Existing is not null).Select(p => p.Existing!.Id).Concat(deleted.Select(d => d.Id)).ToHashSet(StringComparer.Ordinal);
        return [.. state.ServicesInIdOrder().Where(s => !replaced.Contains(s.Id)),
            .. planned.Where(p => p.Record is not null).Select(p => new ServiceModel(p.Record!, p.Existing?.Revision ?? 0))];
    }

    private static void CheckRoutes(List<ServiceModel> services, List<ValidationError> errors)
    {
        var routes = new Dictionary<(string Host, string Prefix), ServiceModel>();
        foreach (var service in services)
        {
            foreach (var host in service.Record.Hosts)
            {
                if (routes.TryAdd((host, service.Record.PathPrefix), service)) continue;
                var other = routes[(host, service.Record.PathPrefix)];
                errors.Add(new($"services[{service.Record.Name}].hosts", "route_conflict",
                    $"Services {other.Record.Name} and {service.Record.Name} would both route {host} with path_prefix {service.Record.PathPrefix}."));
            }
        }
    }

    /// <summary>
    /// The final SNI index and the impact on the final services. Only objects whose names can meet a service host are
    /// parsed into models (the others cannot change any host's coverage): a bulk import of objects no service uses
    /// costs their validation, not a second parse.
    /// </summary>
    private static (SniIndex After, ConfigImpact Impact) Impact(ConfigModel state, FinalSsls final, List<PlannedSsl> planned,
        List<ServiceModel> services, DateTimeOffset now)
    {
        var hosts = new ServiceHostSet(services);
        var changed = planned.Where(p => p.Record is not null).ToList();
        var removed = changed.Where(p => p.Existing is not null).Select(p => p.Existing!.Id).Concat(final.DeletedIds).ToHashSet(StringComparer.Ordinal);
        var models = state.Ssls.Values.Where(m => !removed.Contains(m.Id)).ToList();
        foreach (var p in changed.Where(p => hosts.Touches(p.Validated!.Facts.Snis)))
            models.Add(SslObjectModel.Load(p.Record!, state.Revision + 1, now));
        var after = removed.Count == 0 && models.Count == state.Ssls.Count ? state.Sni : SniIndex.Build(models);
        return (after, ImpactAnalyzer.Compare(services, state.Sni, after, now));
    }

    private static List<ValidationError> Guards(ConfigImpact impact, FinalSsls final, List<ServiceModel> services, List<PlannedService> planned)
    {
        var names = services.ToDictionary(s => s.Id, s => s.Record.Name, StringComparer.Ordinal);
        var guards = new List<ValidationError>();
        foreach (var host in impact.Uncovered)
            guards.Add(new(host.Host, "would_uncover", $"Service {names[host.ServiceId]}: HTTPS host {host.Host} would have no certificate left."));
        foreach (var change in impact.Downgrades)
        {
            guards.Add(new(change.Host, "peer_auth_downgrade", change.After
                ? $"Service {names[change.ServiceId]}: host {change.Host} would require client certificates from a different CA set."
                : $"Service {names[change.ServiceId]}: host {change.Host} would no longer require client certificates (peer authentication)."));
        }
        var inDocument = planned.Select(p => p.Desired.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var service in services.Where(s => !inDocument.Contains(s.Record.Name) && s.Record.Upstream.ClientSslId is { } id && final.DeletedIds.Contains(id)))
            guards.Add(new($"services[{service.Record.Name}].upstream.client_ssl_id", "in_use",
                $"Service {service.Record.Name} presents SSL object {final.Describe(service.Record.Upstream.ClientSslId!)} to its upstream, and the document deletes it."));
        return guards;
    }

    private static IEnumerable<ServiceCoverage> Coverage(ServiceRecord? record, SniIndex after, FinalSsls final, DateTimeOffset now) =>
        record is null
            ? []
            : CoverageAnalyzer.For(record, after, now).Select(c =>
                new ServiceCoverage(record.Name, c.Host, c.SslId is null ? null : final.Describe(c.SslId), c.Step, c.PeerAuthentication, c.Warnings));

    /// <summary>Client objects, then server objects (creates before updates), then services, then deletes: services before the objects they used.</summary>
    private static List<PlannedWrite> Writes(ConfigModel state, List<PlannedSsl> ssls, List<SslObjectModel> deletedSsls,
        List<PlannedService> services, List<ServiceModel> deletedServices)
    {
        var writes = new List<PlannedWrite>();
        foreach (var p in ssls.Where(p => p.Record is not null)
                     .OrderBy(p => p.Record!.Type == "client" ? 0 : 1).ThenBy(p => p.Existing is null ? 0 : 1))
        {
            var key = StoreKeys.Ssl(p.Record!.Id);
            writes.Add(new(new(key, p.Existing?.Revision ?? 0), new StoreMutation.Put(key, ConfigCodec.Encode(p.Record))));
        }
        foreach (var p in services.Where(p => p.Record is not null && p.Change.Action != "unchanged").OrderBy(p => p.Existing is null ? 0 : 1))
        {
            var key = StoreKeys.Service(p.Record!.Id);
            writes.Add(new(new(key, p.Existing?.Revision ?? 0), new StoreMutation.Put(key, ConfigCodec.Encode(p.Record))));
        }
        foreach (var s in deletedServices)
            writes.Add(new(new(StoreKeys.Service(s.Id), s.Revision), new StoreMutation.Delete(StoreKeys.Service(s.Id))));
        foreach (var m in deletedSsls.OrderBy(m => m.Type == SslObjectType.Client ? 1 : 0))
            writes.Add(new(new(StoreKeys.Ssl(m.Id), state.RevisionOf(StoreKeys.Ssl(m.Id)) ?? m.Revision), new StoreMutation.Delete(StoreKeys.Ssl(m.Id))));
        return writes;
    }
}
