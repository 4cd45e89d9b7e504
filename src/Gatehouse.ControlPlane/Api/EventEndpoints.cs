using System.Globalization;
using Gatehouse.ControlPlane.Access;
using Gatehouse.ControlPlane.Lifecycle;
using Gatehouse.Core.Ids;
using Gatehouse.Core.Json;
using Gatehouse.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gatehouse.ControlPlane.Api;

/// <summary><c>GET /api/v1/events</c>: recorded events, newest first, with their delivery state (DESIGN.md §12).</summary>
internal static class EventEndpoints
{
    public static void MapEventEndpoints(this IEndpointRouteBuilder api) =>
        api.MapGet("/events", ListAsync).Produces<EventPage>().RequireRole(Role.Viewer);

    private static async Task<IResult> ListAsync(HttpRequest request, IConfigStore store, CancellationToken cancellationToken)
    {
        var limit = QueryParameters.Limit(request);
        var type = request.Query["type"].ToString();
        if (type.Length > 0 && !EventTypes.All.Contains(type))
            throw QueryParameters.Invalid("type", $"type must be one of: {string.Join(", ", EventTypes.All)}.");
        var sinceText = request.Query["since"].ToString();
        DateTimeOffset? since = null;
        if (sinceText.Length > 0)
        {
            since = DateTimeOffset.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed
                : throw QueryParameters.Invalid("since", "since must be an RFC 3339 time, e.g. 2026-01-31T00:00:00Z.");
        }
        var cursor = request.Query["cursor"].ToString();
        if (cursor.Length > 0 && !ObjectIds.IsWellFormed(cursor)) throw QueryParameters.Invalid("cursor", "cursor must be a next_cursor value this API returned.");

        var listing = await store.ListAsync(LifecycleKeys.Events, cancellationToken);
        var events = listing.Items
            .Select(EventCodec.TryDecode)
            .OfType<EventRecord>()
            .Where(e => type.Length == 0 || e.Type == type)
            .Where(e => since is null || e.OccurredAt >= since)
            .Where(e => cursor.Length == 0 || string.CompareOrdinal(e.Id, cursor) < 0)
            .OrderByDescending(e => e.Id, StringComparer.Ordinal)
            .Take(limit + 1)
            .ToList();
        var next = events.Count > limit ? events[limit - 1].Id : null;
        return Results.Json(new EventPage([.. events.Take(limit)], next), GatehouseJson.Options);
    }
}

/// <summary>One page of <c>GET /api/v1/events</c>.</summary>
internal sealed record EventPage(IReadOnlyList<EventRecord> Items, string? NextCursor);
