using Gatehouse.ControlPlane.Access;
using Gatehouse.ControlPlane.Acme;
using Gatehouse.ControlPlane.Ssl;
using Gatehouse.Core.Ids;
using Gatehouse.Core.Json;
using Gatehouse.Core.Sni;
using Gatehouse.Core.Ssl;
using Gatehouse.Core.Validation;
using Gatehouse.Hosting.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gatehouse.ControlPlane.Api;

/// <summary>The SSL object routes of the Admin API (DESIGN.md §5) and the SNI explanation.</summary>
internal static class SslEndpoints
{
    public static void MapSslEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/ssls", CreateAsync).Produces<SslObjectView>(201).RequireRole(Role.Operator);
        api.MapGet("/ssls", List).Produces<SslObjectPage>().RequireRole(Role.Viewer);
        api.MapGet("/ssls/{id}", GetAsync).Produces<SslObjectView>().RequireRole(Role.Viewer);
        api.MapPut("/ssls/{id}", ReplaceAsync).Produces<SslObjectView>().RequireRole(Role.Operator);
        api.MapDelete("/ssls/{id}", DeleteAsync).Produces(204).RequireRole(Role.Operator);
        api.MapGet("/sni/{host}", (string host, SslObjectService service, TimeProvider time) =>
            Explain(host, service, time)).Produces<SniExplanationView>().RequireRole(Role.Viewer);
        api.MapGet("/sni/", (SslObjectService service, TimeProvider time) => Explain("", service, time)).Produces<SniExplanationView>().RequireRole(Role.Viewer);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, SslObjectService service, ManagedSslStore managed, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var dryRun = QueryParameters.Flag(request, "dry_run");
        var force = QueryParameters.Flag(request, "force");
        using var body = await JsonBody.ReadAsync(request, ManagedSslEndpoints.CreateFields, SslObjectView.ReadOnlyFields, cancellationToken);
        if (body.Has("acme")) return await ManagedSslEndpoints.CreateAsync(request, body, managed, dryRun, cancellationToken);
        var errors = new List<ValidationError>();
        var input = SslObjectRequest.From(body, errors);
        var outcome = await service.CreateAsync(input, errors, dryRun, force, cancellationToken);
        if (outcome.Model is not { } model) return DryRunResult(outcome);
        var view = SslObjectView.From(model, time.GetUtcNow());
        request.HttpContext.Response.Headers.ETag = QueryParameters.ETag(model.Revision);
        request.HttpContext.Response.Headers.Location = $"/api/v1/ssls/{model.Id}";
        return Results.Json(view, GatehouseJson.Options, statusCode: 201);
    }

    private static async Task<IResult> ReplaceAsync(string id, HttpRequest request, SslObjectService service, ManagedSslStore managed,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var dryRun = QueryParameters.Flag(request, "dry_run");
        var force = QueryParameters.Flag(request, "force");
        var ifMatch = QueryParameters.IfMatch(request);
        if (!ObjectIds.IsWellFormed(id)) throw ApiError.NotFound("SSL object");
        using var body = await JsonBody.ReadAsync(request, SslObjectRequest.WritableFields, SslObjectView.ReadOnlyFields, cancellationToken);
        await ManagedSslEndpoints.RefuseManagedWriteAsync(id, body, managed, cancellationToken);
        var errors = new List<ValidationError>();
        var input = SslObjectRequest.From(body, errors);
        var outcome = await service.ReplaceAsync(id, input, errors, ifMatch, dryRun, force, cancellationToken);
        if (outcome.Model is not { } model) return DryRunResult(outcome);
        request.HttpContext.Response.Headers.ETag = QueryParameters.ETag(model.Revision);
        return Results.Json(SslObjectView.From(model, time.GetUtcNow()), GatehouseJson.Options);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpRequest request, SslObjectService service, ManagedSslStore managed,
        CancellationToken cancellationToken)
    {
        var force = QueryParameters.Flag(request, "force");
        var ifMatch = QueryParameters.IfMatch(request);
        if (request.Query["confirm"].ToString() != id)
        {
            throw ApiError.Of(400, "confirmation_required",
                "Deleting is permanent: repeat the object's id in ?confirm= to confirm.", "confirm");
        }
        if (!ObjectIds.IsWellFormed(id)) throw ApiError.NotFound("SSL object");
        if (await ManagedSslEndpoints.DeletePendingAsync(id, service, managed, cancellationToken)) return Results.NoContent();
        await service.DeleteAsync(id, ifMatch, force, cancellationToken);
        return Results.NoContent();
    }

    private static async Task<IResult> GetAsync(string id, HttpResponse response, SslObjectService service, ManagedSslStore managed,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var acme = await managed.FindAsync(id, cancellationToken);
        if (service.Model.Ssls.GetValueOrDefault(id) is not { } model)
        {
            if (acme is not { } pending) throw ApiError.NotFound("SSL object");
            return Results.Json(PendingSslView.From(pending.Record, pending.Revision), GatehouseJson.Options);
        }
        response.Headers.ETag = QueryParameters.ETag(model.Revision);
        return Results.Json(SslObjectView.From(model, time.GetUtcNow(), service.Model.OcspOf(model), acme?.Record), GatehouseJson.Options);
    }

    /// <summary>
    /// A page from the model: O(page × log N) by id, O(matches) with <c>expiring_within</c>, one bucket with <c>sni</c>;
    /// <c>sort=expiry</c> pages soonest expiry first (<see cref="SslExpiryListing"/>).
    /// Managed objects never issued come from the in-memory ACME records, merged in id order (<c>status: pending</c>).
    /// </summary>
    private static IResult List(HttpRequest request, SslObjectService service, ManagedSslStore managed, TimeProvider time)
    {
        var limit = QueryParameters.Limit(request);
        var byExpiry = request.Query["sort"].ToString() switch
        {
            "" or "id" => false,
            "expiry" => true,
            _ => throw QueryParameters.Invalid("sort", "sort must be id (the default) or expiry (soonest first)."),
        };
        var cursor = request.Query["cursor"].ToString();
        if (!byExpiry && cursor.Length > 0 && !ObjectIds.IsWellFormed(cursor))
            throw QueryParameters.Invalid("cursor", "cursor must be a next_cursor value this API returned.");
        var typeText = request.Query["type"].ToString();
        SslObjectType? type = null;
        if (typeText.Length > 0)
            type = SslObjectTypes.TryParse(typeText, out var parsed) ? parsed : throw QueryParameters.Invalid("type", "type must be server or client.");
        var expiringWithin = QueryParameters.Duration(request, "expiring_within");
        var statusText = request.Query["status"].ToString();
        if (request.Query.ContainsKey("status") && statusText != "pending")
            throw QueryParameters.Invalid("status", "status can only be pending (managed objects not issued yet).");
        var onlyPending = statusText == "pending";
        var now = time.GetUtcNow();
        var acme = managed.Index;

        var state = service.Model;
        if (byExpiry)
        {
            SslExpiryListing.RefuseConflicts(request);
            return SslExpiryListing.List(request, state, managed, type, expiringWithin, limit, now);
        }
        IEnumerable<SslObjectModel> models;
        var bySni = request.Query.ContainsKey("sni");
        if (bySni)
        {
            // Selection order, as the handshake would see it. The candidates of one name are few: one page, no cursor.
            if (cursor.Length > 0) throw QueryParameters.Invalid("cursor", "cursor cannot be combined with sni (the candidates of a name are listed in selection order on one page).");
            models = state.Sni.Explain(request.Query["sni"].ToString(), now).Candidates.Select(c => c.Object);
            if (type is { } wanted) models = models.Where(m => m.Type == wanted);
            if (expiringWithin is { } window) models = models.Where(m => m.EarliestNotAfter <= now + window);
        }
        else if (expiringWithin is { } window)
        {
            models = state.ExpiringBy(now + window, type, cursor);
        }
        else
        {
            models = state.SslsInIdOrder(cursor, type);
        }
        if (request.Query.ContainsKey("name"))
        {
            // Names are unique: at most a few objects, filtered as the other parameters would.
            IEnumerable<SslObjectModel> named = state.SslsNamed(request.Query["name"].ToString());
            if (bySni) named = models.Where(named.Contains);
            else
            {
                if (type is { } wanted) named = named.Where(m => m.Type == wanted);
                if (expiringWithin is { } window) named = named.Where(m => m.EarliestNotAfter <= now + window);
                if (cursor.Length > 0) named = named.Where(m => string.CompareOrdinal(m.Id, cursor) > 0);
            }
            models = named;
        }

        // A pending object has no certificate, hence no name, SNI or expiry, and is a server object.
        var withPending = !bySni && expiringWithin is null && type is not SslObjectType.Client && !request.Query.ContainsKey("name");
        if (onlyPending) models = [];
        IEnumerable<(string Id, Func<object> View)> rows = models.Select(m =>
            (m.Id, View: (Func<object>)(() => SslObjectView.From(m, now, state.OcspOf(m), acme.Find(m.Id)?.Record))));
        if (withPending || onlyPending)
        {
            // Skipped while its first certificate is being stored (the SSL record already lists it).
            var pending = acme.NeverIssuedAfter(cursor).Where(p => !state.Ssls.ContainsKey(p.Record.Id))
                .Select(p => (p.Record.Id, View: (Func<object>)(() => PendingSslView.From(p.Record, p.Revision))));
            rows = MergeById(rows, pending);
        }

        // The candidates of one name are few and ordered by selection: all of them, whatever the limit.
        var page = bySni ? rows.ToList() : rows.Take(limit + 1).ToList();
        var next = page.Count > limit && !bySni ? page[limit - 1].Id : null;
        var items = page.Take(bySni ? page.Count : limit).Select(r => r.View()).ToList();
        return Results.Json(new SslObjectPage(items, next), GatehouseJson.Options);
    }

    private static IEnumerable<(string Id, Func<object> View)> MergeById(IEnumerable<(string Id, Func<object> View)> left,
        IEnumerable<(string Id, Func<object> View)> right)
    {
        using var a = left.GetEnumerator();
        using var b = right.GetEnumerator();
        var (hasA, hasB) = (a.MoveNext(), b.MoveNext());
        while (hasA || hasB)
        {
            if (hasA && (!hasB || string.CompareOrdinal(a.Current.Id, b.Current.Id) <= 0))
            {
                yield return a.Current;
                hasA = a.MoveNext();
            }
            else
            {
                yield return b.Current;
                hasB = b.MoveNext();
            }
        }
    }

    private static IResult Explain(string host, SslObjectService service, TimeProvider time)
    {
        var decision = service.Model.Sni.Explain(host, time.GetUtcNow());
        return Results.Json(SniExplanationView.From(decision), GatehouseJson.Options);
    }

    private static IResult DryRunResult(WriteOutcome outcome) =>
        Results.Json(new { dry_run = true, impact = outcome.Impact, warnings = outcome.Warnings }, GatehouseJson.Options);
}

/// <summary>One page of <c>GET /api/v1/ssls</c>: <see cref="SslObjectView"/> items, and <see cref="PendingSslView"/> for managed objects not issued yet.</summary>
internal sealed record SslObjectPage(IReadOnlyList<object> Items, string? NextCursor);
