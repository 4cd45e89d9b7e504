using Gatehouse.ControlPlane.Access;
using Gatehouse.ControlPlane.Lifecycle;
using Gatehouse.Core.Json;
using Gatehouse.Hosting.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gatehouse.ControlPlane.Api;

/// <summary>
/// The notifier routes of the Admin API (DESIGN.md §12), admin only (§14), reads included: a webhook URL can itself be a
/// credential. The secret is written, never read back.
/// </summary>
internal static class NotifierEndpoints
{
    public static void MapNotifierEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/notifiers", CreateAsync).Produces<NotifierView>(201).RequireRole(Role.Admin);
        api.MapGet("/notifiers", ListAsync).Produces<NotifierPage>().RequireRole(Role.Admin);
        api.MapGet("/notifiers/{id}", GetAsync).Produces<NotifierView>().RequireRole(Role.Admin);
        api.MapPut("/notifiers/{id}", ReplaceAsync).Produces<NotifierView>().RequireRole(Role.Admin);
        api.MapDelete("/notifiers/{id}", DeleteAsync).Produces(204).RequireRole(Role.Admin);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, NotifierStore notifiers, CancellationToken cancellationToken)
    {
        using var body = await JsonBody.ReadAsync(request, NotifierRequest.WritableFields, NotifierView.ReadOnlyFields, cancellationToken);
        var (record, revision) = await notifiers.CreateAsync(NotifierRequest.From(body), cancellationToken);
        request.HttpContext.Response.Headers.ETag = QueryParameters.ETag(revision);
        request.HttpContext.Response.Headers.Location = $"/api/v1/notifiers/{record.Id}";
        return Results.Json(NotifierView.From(record, revision), GatehouseJson.Options, statusCode: 201);
    }

    private static async Task<IResult> ListAsync(NotifierStore notifiers, CancellationToken cancellationToken)
    {
        var all = await notifiers.ListAsync(cancellationToken);
        return Results.Json(new NotifierPage([.. all.Select(n => NotifierView.From(n.Record, n.Revision))], null), GatehouseJson.Options);
    }

    private static async Task<IResult> GetAsync(string id, HttpResponse response, NotifierStore notifiers, CancellationToken cancellationToken)
    {
        var (record, revision) = await notifiers.GetAsync(id, cancellationToken);
        response.Headers.ETag = QueryParameters.ETag(revision);
        return Results.Json(NotifierView.From(record, revision), GatehouseJson.Options);
    }

    private static async Task<IResult> ReplaceAsync(string id, HttpRequest request, NotifierStore notifiers, CancellationToken cancellationToken)
    {
        var ifMatch = QueryParameters.IfMatch(request);
        using var body = await JsonBody.ReadAsync(request, NotifierRequest.WritableFields, NotifierView.ReadOnlyFields, cancellationToken);
        var (record, revision) = await notifiers.ReplaceAsync(id, NotifierRequest.From(body), ifMatch, cancellationToken);
        request.HttpContext.Response.Headers.ETag = QueryParameters.ETag(revision);
        return Results.Json(NotifierView.From(record, revision), GatehouseJson.Options);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpRequest request, NotifierStore notifiers, CancellationToken cancellationToken)
    {
        await notifiers.DeleteAsync(id, QueryParameters.IfMatch(request), cancellationToken);
        return Results.NoContent();
    }
}

/// <summary><c>GET /api/v1/notifiers</c>: every notifier (they are few), in id order.</summary>
internal sealed record NotifierPage(IReadOnlyList<NotifierView> Items, string? NextCursor);
