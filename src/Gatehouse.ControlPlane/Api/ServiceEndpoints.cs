using Gatehouse.Configuration;
using Gatehouse.ControlPlane.Access;
using Gatehouse.ControlPlane.Services;
using Gatehouse.Core.Ids;
using Gatehouse.Core.Json;
using Gatehouse.Core.Validation;
using Gatehouse.Hosting.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gatehouse.ControlPlane.Api;

/// <summary>The service routes of the Admin API (DESIGN.md §4, §5), with the conventions of SSL objects.</summary>
internal static class ServiceEndpoints
{
    public static void MapServiceEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/services", CreateAsync).Produces<ServiceView>(201).RequireRole(Role.Operator);
        api.MapGet("/services", List).Produces<ServicePage>().RequireRole(Role.Viewer);
        api.MapGet("/services/{id}", Get).Produces<ServiceView>().RequireRole(Role.Viewer);
        api.MapPut("/services/{id}", ReplaceAsync).Produces<ServiceView>().RequireRole(Role.Operator);
        api.MapDelete("/services/{id}", DeleteAsync).Produces(204).RequireRole(Role.Operator);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, ServiceWriter writer, ConfigModelHolder holder,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var dryRun = QueryParameters.Flag(request, "dry_run");
        QueryParameters.Flag(request, "force");
        var (draft, errors) = await ReadAsync(request, cancellationToken);
        var outcome = await writer.CreateAsync(draft, errors, dryRun, cancellationToken);
        if (!outcome.DryRun) request.HttpContext.Response.Headers.Location = $"/api/v1/services/{outcome.Record.Id}";
        return Respond(outcome, request.HttpContext.Response, holder, time, statusCode: 201);
    }

    private static async Task<IResult> ReplaceAsync(string id, HttpRequest request, ServiceWriter writer, ConfigModelHolder holder,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var dryRun = QueryParameters.Flag(request, "dry_run");
        QueryParameters.Flag(request, "force");
        var ifMatch = QueryParameters.IfMatch(request);
        if (!ObjectIds.IsWellFormed(id)) throw ApiError.NotFound("service");
        var (draft, errors) = await ReadAsync(request, cancellationToken);
        var outcome = await writer.ReplaceAsync(id, draft, errors, ifMatch, dryRun, cancellationToken);
        return Respond(outcome, request.HttpContext.Response, holder, time);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpRequest request, ServiceWriter writer, CancellationToken cancellationToken)
    {
        QueryParameters.Flag(request, "force");
        var ifMatch = QueryParameters.IfMatch(request);
        if (request.Query["confirm"].ToString() != id)
            throw ApiError.Of(400, "confirmation_required", "Deleting is permanent: repeat the service's id in ?confirm= to confirm.", "confirm");
        if (!ObjectIds.IsWellFormed(id)) throw ApiError.NotFound("service");
        await writer.DeleteAsync(id, ifMatch, cancellationToken);
        return Results.NoContent();
    }

    private static IResult Get(string id, HttpResponse response, ConfigModelHolder holder, TimeProvider time)
    {
        var state = holder.Current;
        var model = state.Services.GetValueOrDefault(id) ?? throw ApiError.NotFound("service");
        response.Headers.ETag = QueryParameters.ETag(model.Revision);
        return Results.Json(ServiceView.From(model.Record, model.Revision, state.Sni, time.GetUtcNow()), GatehouseJson.Options);
    }

    private static IResult List(HttpRequest request, ConfigModelHolder holder, TimeProvider time)
    {
        var limit = QueryParameters.Limit(request);
        var cursor = request.Query["cursor"].ToString();
        if (cursor.Length > 0 && !ObjectIds.IsWellFormed(cursor))
            throw QueryParameters.Invalid("cursor", "cursor must be a next_cursor value this API returned.");
        var host = request.Query["host"].ToString();
        var state = holder.Current;
        var now = time.GetUtcNow();
        var models = host.Length > 0
            ? state.ServicesOnHost(Core.Names.HostName.NormalizePattern(host) ?? host).Where(s => string.CompareOrdinal(s.Id, cursor) > 0)
            : state.ServicesInIdOrder(cursor);
        if (request.Query.ContainsKey("name"))
        {
            var named = state.ServicesNamed(request.Query["name"].ToString()).Where(s => string.CompareOrdinal(s.Id, cursor) > 0);
            models = host.Length > 0 ? named.Where(s => s.Record.Hosts.Contains(Core.Names.HostName.NormalizePattern(host) ?? host)) : named;
        }
        var page = models.Take(limit + 1).ToList();
        var next = page.Count > limit ? page[limit - 1].Id : null;
        var items = page.Take(limit).Select(s => ServiceView.From(s.Record, s.Revision, state.Sni, now)).ToList();
        return Results.Json(new ServicePage(items, next), GatehouseJson.Options);
    }

    private static async Task<(Core.Services.ServiceRecord Draft, List<ValidationError> Errors)> ReadAsync(HttpRequest request,
        CancellationToken cancellationToken)
    {
        using var body = await JsonBody.ReadAsync(request, ServiceRequest.WritableFields, ServiceRequest.ReadOnlyFields, cancellationToken);
        var errors = new List<ValidationError>();
        return (ServiceRequest.Read(body.Root, errors), errors);
    }

    /// <summary>The stored (or, for a dry run, would-be) service with coverage computed against the current SSL objects.</summary>
    private static IResult Respond(ServiceWriteOutcome outcome, HttpResponse response, ConfigModelHolder holder,
        TimeProvider time, int statusCode = 200)
    {
        var view = ServiceView.From(outcome.Record, outcome.Revision, holder.Current.Sni, time.GetUtcNow());
        if (outcome.DryRun) return Results.Json(new { dry_run = true, service = view }, GatehouseJson.Options);
        response.Headers.ETag = QueryParameters.ETag(outcome.Revision);
        return Results.Json(view, GatehouseJson.Options, statusCode: statusCode);
    }
}

/// <summary>One page of <c>GET /api/v1/services</c>.</summary>
internal sealed record ServicePage(IReadOnlyList<ServiceView> Items, string? NextCursor);
