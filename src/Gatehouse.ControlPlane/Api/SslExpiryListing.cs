using Gatehouse.Configuration;
using Gatehouse.ControlPlane.Acme;
using Gatehouse.ControlPlane.Ssl;
using Gatehouse.Core.Json;
using Gatehouse.Core.Ssl;
using Microsoft.AspNetCore.Http;

namespace Gatehouse.ControlPlane.Api;

/// <summary>
/// <c>GET /ssls?sort=expiry</c>: soonest expiry first (the earlier <c>not_after</c> of primary and alt, then id), from the
/// model's expiry index — one binary search and O(log N) a row, never a sort of every object. <c>next_cursor</c> is an
/// <see cref="ExpiryPosition"/>, so a page continues after the previous one's last place whatever changed in between.
/// </summary>
internal static class SslExpiryListing
{
    /// <summary>The parameters that cannot go with <c>sort=expiry</c>, each with why.</summary>
    public static void RefuseConflicts(HttpRequest request)
    {
        if (request.Query.ContainsKey("sni"))
            throw QueryParameters.Invalid("sort", "sort cannot be combined with sni (the candidates of a name are listed in selection order).");
        if (request.Query.ContainsKey("status"))
            throw QueryParameters.Invalid("sort", "sort=expiry lists objects with a certificate; status=pending objects have none to sort by.");
    }

    public static IResult List(HttpRequest request, ConfigModel state, ManagedSslStore managed, SslObjectType? type, TimeSpan? expiringWithin,
        int limit, DateTimeOffset now)
    {
        var cursorText = request.Query["cursor"].ToString();
        ExpiryPosition? after = null;
        if (cursorText.Length > 0)
        {
            after = ExpiryPosition.TryParse(cursorText, out var position)
                ? position
                : throw QueryParameters.Invalid("cursor", "cursor must be a next_cursor value this API returned with sort=expiry.");
        }

        IEnumerable<(ExpiryPosition Position, SslObjectModel Ssl)> rows;
        if (request.Query.ContainsKey("name"))
        {
            // Names are unique: at most a few objects, ordered here.
            rows = state.SslsNamed(request.Query["name"].ToString())
                .Where(m => type is not { } wanted || m.Type == wanted)
                .Select(m => (Position: ExpiryPosition.Of(m.EarliestNotAfter, m.Id), Ssl: m))
                .Where(r => after is not { } a || r.Position.CompareTo(a) > 0)
                .OrderBy(r => r.Position);
        }
        else
        {
            rows = state.SslsBySoonestExpiry(after, type);
        }
        if (expiringWithin is { } window) rows = rows.TakeWhile(r => r.Ssl.EarliestNotAfter <= now + window);

        var page = rows.Take(limit + 1).ToList();
        var next = page.Count > limit ? page[limit - 1].Position.ToString() : null;
        var acme = managed.Index;
        var items = page.Take(limit).Select(r => (object)SslObjectView.From(r.Ssl, now, state.OcspOf(r.Ssl), acme.Find(r.Ssl.Id)?.Record)).ToList();
        return Results.Json(new SslObjectPage(items, next), GatehouseJson.Options);
    }
}
