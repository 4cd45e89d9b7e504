using Gatehouse.Hosting.Errors;
using Gatehouse.ControlPlane.Access;
using Gatehouse.Core.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Gatehouse.ControlPlane.Api;

/// <summary>The named-token routes (DESIGN.md §14), admin only. The secret is in the create response and nowhere else.</summary>
internal static partial class TokenEndpoints
{
    public static void MapTokenEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/tokens", CreateAsync).Produces<CreatedToken>(201).RequireRole(Role.Admin);
        api.MapGet("/tokens", ListAsync).Produces<TokenPage>().RequireRole(Role.Admin);
        api.MapDelete("/tokens/{name}", DeleteAsync).Produces(204).RequireRole(Role.Admin);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, TokenStore tokens, TimeProvider time,
        Hosting.AuditActor actor, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        using var body = await JsonBody.ReadAsync(request, TokenRequest.WritableFields, TokenRequest.ReadOnlyFields, cancellationToken);
        var input = TokenRequest.From(body, time.GetUtcNow());
        var (record, secret, revision) = await tokens.CreateAsync(input.Name, input.Role, input.ExpiresAt, cancellationToken);
        LogCreated(Logger(loggers), actor.Describe(), record.Name, record.Role, revision);
        var response = request.HttpContext.Response;
        response.Headers.Location = $"/api/v1/tokens/{record.Name}";
        response.Headers.CacheControl = "no-store";
        var view = TokenView.From(record, time.GetUtcNow());
        return Results.Json(new CreatedToken(view.Name, view.Role, view.CreatedAt, view.ExpiresAt, view.LastUsedAt, view.Expired, secret),
            GatehouseJson.Options, statusCode: 201);
    }

    private static async Task<IResult> ListAsync(HttpRequest request, TokenStore tokens, TimeProvider time, CancellationToken cancellationToken)
    {
        var limit = QueryParameters.Limit(request);
        var cursor = request.Query["cursor"].ToString();
        if (cursor.Length > 0 && !TokenRequest.IsValidName(cursor))
            throw QueryParameters.Invalid("cursor", "cursor must be a next_cursor value this API returned.");
        var now = time.GetUtcNow();
        var page = (await tokens.ListAsync(cancellationToken)).Where(t => string.CompareOrdinal(t.Name, cursor) > 0).Take(limit + 1).ToList();
        var next = page.Count > limit ? page[limit - 1].Name : null;
        return Results.Json(new TokenPage([.. page.Take(limit).Select(t => TokenView.From(t, now))], next), GatehouseJson.Options);
    }

    private static async Task<IResult> DeleteAsync(string name, TokenStore tokens, Hosting.AuditActor actor, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (!TokenRequest.IsValidName(name)) throw NotFound();
        var revision = await tokens.DeleteAsync(name, cancellationToken) ?? throw NotFound();
        LogDeleted(Logger(loggers), actor.Describe(), name, revision);
        return Results.NoContent();
    }

    private static ApiError NotFound() => ApiError.Of(404, "not_found", "No token has that name.");

    private static ILogger Logger(ILoggerFactory loggers) => loggers.CreateLogger("Gatehouse.ControlPlane.Access.Tokens");

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "audit: {Actor} create token {Name} role {Role} at revision {Revision}")]
    private static partial void LogCreated(ILogger logger, string actor, string name, string role, long revision);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "audit: {Actor} delete token {Name} at revision {Revision}")]
    private static partial void LogDeleted(ILogger logger, string actor, string name, long revision);
}
