using Gatehouse.ControlPlane.Access;
using Gatehouse.ControlPlane.Acme;
using Gatehouse.Core.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gatehouse.ControlPlane.Api;

/// <summary>
/// The ACME issuer routes (DESIGN.md §12). Writes are admin only (§14): an issuer holds an external account binding key
/// and decides which CA may issue for the operator's names. Reads are for viewers: they show no secret.
/// </summary>
internal static class AcmeIssuerEndpoints
{
    public static void MapAcmeIssuerEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/acme/issuers", CreateAsync).Produces<IssuerView>(201).RequireRole(Role.Admin);
        api.MapGet("/acme/issuers", ListAsync).Produces<IssuerPage>().RequireRole(Role.Viewer);
        api.MapGet("/acme/issuers/{id}", GetAsync).Produces<IssuerView>().RequireRole(Role.Viewer);
        api.MapPut("/acme/issuers/{id}", ReplaceAsync).Produces<IssuerView>().RequireRole(Role.Admin);
        api.MapDelete("/acme/issuers/{id}", DeleteAsync).Produces(204).RequireRole(Role.Admin);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, IssuerStore issuers, CancellationToken cancellationToken)
    {
        using var body = await JsonBody.ReadAsync(request, IssuerRequest.WritableFields, IssuerView.ReadOnlyFields, cancellationToken);
        var (record, revision) = await issuers.CreateAsync(IssuerRequest.From(body), cancellationToken);
        request.HttpContext.Response.Headers.ETag = QueryParameters.ETag(revision);
        request.HttpContext.Response.Headers.Location = $"/api/v1/acme/issuers/{record.Id}";
        return Results.Json(IssuerView.From(record, revision), GatehouseJson.Options, statusCode: 201);
    }

    private static async Task<IResult> ListAsync(IssuerStore issuers, CancellationToken cancellationToken)
    {
        var all = await issuers.ListAsync(cancellationToken);
        return Results.Json(new IssuerPage([.. all.Select(i => IssuerView.From(i.Record, i.Revision))], null), GatehouseJson.Options);
    }

    private static async Task<IResult> GetAsync(string id, HttpResponse response, IssuerStore issuers, CancellationToken cancellationToken)
    {
        var (record, revision) = await issuers.GetAsync(id, cancellationToken);
        response.Headers.ETag = QueryParameters.ETag(revision);
        return Results.Json(IssuerView.From(record, revision), GatehouseJson.Options);
    }

    private static async Task<IResult> ReplaceAsync(string id, HttpRequest request, IssuerStore issuers, CancellationToken cancellationToken)
    {
        var ifMatch = QueryParameters.IfMatch(request);
        using var body = await JsonBody.ReadAsync(request, IssuerRequest.WritableFields, IssuerView.ReadOnlyFields, cancellationToken);
        var (record, revision) = await issuers.ReplaceAsync(id, IssuerRequest.From(body), ifMatch, cancellationToken);
        request.HttpContext.Response.Headers.ETag = QueryParameters.ETag(revision);
        return Results.Json(IssuerView.From(record, revision), GatehouseJson.Options);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpRequest request, IssuerStore issuers, CancellationToken cancellationToken)
    {
        await issuers.DeleteAsync(id, QueryParameters.IfMatch(request), cancellationToken);
        return Results.NoContent();
    }
}

/// <summary><c>GET /api/v1/acme/issuers</c>: every issuer (they are few), in id order.</summary>
internal sealed record IssuerPage(IReadOnlyList<IssuerView> Items, string? NextCursor);
