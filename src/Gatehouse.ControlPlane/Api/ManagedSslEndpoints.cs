using Gatehouse.ControlPlane.Access;
using Gatehouse.ControlPlane.Acme;
using Gatehouse.ControlPlane.Ssl;
using Gatehouse.Core.Ids;
using Gatehouse.Core.Json;
using Gatehouse.Core.Validation;
using Gatehouse.Hosting.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gatehouse.ControlPlane.Api;

/// <summary>
/// Managed (ACME) SSL objects (DESIGN.md §12): <c>POST /ssls</c> with <c>acme</c>, <c>POST /ssls/{id}/renew</c>,
/// <c>POST /ssls/{id}/detach</c>, and the refusals that keep a managed object's certificate and key the CA's.
/// </summary>
internal static class ManagedSslEndpoints
{
    /// <summary>What <c>POST /ssls</c> accepts: the upload fields, or <c>acme</c> (with type and labels).</summary>
    public static IReadOnlySet<string> CreateFields { get; } = new HashSet<string>(SslObjectRequest.WritableFields) { "acme" };

    public static void MapManagedSslEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/ssls/{id}/renew", RenewAsync).Produces<AcmeFactsView>().RequireRole(Role.Operator);
        api.MapPost("/ssls/{id}/detach", DetachAsync).Produces(200).RequireRole(Role.Operator);
    }

    public static async Task<IResult> CreateAsync(HttpRequest request, JsonBody body, ManagedSslStore managed, bool dryRun,
        CancellationToken cancellationToken)
    {
        var input = ManagedRequest.From(body);
        if (dryRun) return Results.Json(new { dry_run = true, impact = (object?)null, warnings = Array.Empty<string>() }, GatehouseJson.Options);
        var (record, revision) = await managed.CreateAsync(input, cancellationToken);
        request.HttpContext.Response.Headers.Location = $"/api/v1/ssls/{record.Id}";
        return Results.Json(PendingSslView.From(record, revision), GatehouseJson.Options, statusCode: 201);
    }

    /// <summary>A PUT on a managed object: 400 <c>managed_field</c> (the certificate and key are the CA's until detached).</summary>
    public static async Task RefuseManagedWriteAsync(string id, JsonBody body, ManagedSslStore managed, CancellationToken cancellationToken)
    {
        if (await managed.FindAsync(id, cancellationToken) is null) return;
        var fields = ManagedRequest.ManagedFields.Where(body.Has).DefaultIfEmpty("certificate");
        throw new ApiError(400, [.. fields.Select(ManagedRequest.ManagedField)]);
    }

    /// <summary>Deletes a managed object that has no certificate yet; false when there is an SSL object to delete as usual.</summary>
    public static async Task<bool> DeletePendingAsync(string id, SslObjectService service, ManagedSslStore managed, CancellationToken cancellationToken)
    {
        if (await managed.FindAsync(id, cancellationToken) is null) return false;
        if (service.Model.Ssls.ContainsKey(id)) return false;
        await managed.DeleteAsync(id, cancellationToken);
        return true;
    }

    private static async Task<IResult> RenewAsync(string id, ManagedSslStore managed, CancellationToken cancellationToken)
    {
        if (!ObjectIds.IsWellFormed(id)) throw ApiError.NotFound("SSL object");
        var (record, _) = await managed.RenewAsync(id, cancellationToken);
        return Results.Json(AcmeFactsView.From(record), GatehouseJson.Options, statusCode: 202);
    }

    private static async Task<IResult> DetachAsync(string id, SslObjectService service, ManagedSslStore managed, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (!ObjectIds.IsWellFormed(id)) throw ApiError.NotFound("SSL object");
        await managed.DetachAsync(id, service.Model.Ssls.ContainsKey(id), cancellationToken);
        var model = service.Model.Ssls.GetValueOrDefault(id) ?? throw ApiError.NotFound("SSL object");
        return Results.Json(SslObjectView.From(model, time.GetUtcNow()), GatehouseJson.Options);
    }
}
