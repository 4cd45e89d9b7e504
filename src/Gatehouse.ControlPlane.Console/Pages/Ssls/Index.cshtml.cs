using Gatehouse.Configuration;
using Gatehouse.ControlPlane.Console.Forms;
using Gatehouse.ControlPlane.Ssl;
using Gatehouse.Core.Ids;
using Gatehouse.Core.Ssl;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.ControlPlane.Console.Pages.Ssls;

/// <summary>
/// The SSL object list, 100 rows a page (DESIGN.md §11) in id order or, with <c>?sort=expiry</c>, soonest expiry first
/// (from the model's expiry index, the cursor an <see cref="ExpiryPosition"/>), filtered by text (id, SNI, label, subject)
/// and type through a GET form that keeps the sort. A page reads only as far into the model as it needs rows.
/// </summary>
public sealed class IndexModel(SslObjectService ssls, TimeProvider time) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "type")] public string? Type { get; set; }
    [BindProperty(SupportsGet = true, Name = "after")] public string? After { get; set; }
    [BindProperty(SupportsGet = true, Name = "deleted")] public string? DeletedId { get; set; }

    /// <summary><c>expiry</c> for soonest expiry first; anything else is id order.</summary>
    [BindProperty(SupportsGet = true, Name = "sort")] public string? Sort { get; set; }

    public bool ByExpiry => Sort == "expiry";

    /// <summary>A bar of the expiry timeline: <c>expired</c> or <c>w1</c> … <c>w13</c>.</summary>
    [BindProperty(SupportsGet = true, Name = "expires")] public string? Expires { get; set; }

    public ExpiryTimeline Timeline { get; private set; } = ExpiryTimeline.For([], DateTimeOffset.UnixEpoch);

    public IReadOnlyList<(SslObjectView View, ExpiryBadge Badge)> Rows { get; private set; } = [];

    /// <summary>Managed (ACME) objects not issued yet, on the first unfiltered page (from the in-memory ACME records).</summary>
    public IReadOnlyList<Gatehouse.ControlPlane.Acme.ManagedRecord> Pending { get; private set; } = [];
    public int Total { get; private set; }
    public bool Filtered => !string.IsNullOrWhiteSpace(Q) || !string.IsNullOrEmpty(Type) || ExpiresFilter is not null;

    /// <summary>The timeline bar the list is filtered to, or null (an unknown value is ignored).</summary>
    public ExpiryTimeline.Bar? ExpiresFilter => ExpiryTimeline.IsKey(Expires) ? Timeline.Bars.First(b => b.Key == Expires) : null;

    /// <summary>The id after which the next page starts, or null on the last page.</summary>
    public string? NextCursor { get; private set; }
    public string? Deleted => DeletedId is { } id && ObjectIds.IsWellFormed(id) ? id : null;

    public void OnGet()
    {
        var state = ssls.Model;
        var now = time.GetUtcNow();
        Total = state.SslCount;
        // Bar counts from the model's expiry index: O(log N) per bar, whatever the number of objects.
        Timeline = ExpiryTimeline.For(before => state.CountExpiringBy(before - TimeSpan.FromTicks(1)), now);
        SslObjectType? type = SslObjectTypes.TryParse(Type ?? "", out var parsed) ? parsed : null;
        var text = Q?.Trim() ?? "";
        var (page, first) = ByExpiry ? ExpiryPage(state, type, text, now) : IdPage(state, type, text, now);
        NextCursor = page.Count > PageSize ? page[PageSize - 1].Cursor : null;
        Rows = [.. page.Take(PageSize).Select(p => SslObjectView.From(p.Ssl, now, state.OcspOf(p.Ssl))).Select(v => (v, ExpiryBadge.For(v, now)))];
        if (!Filtered && first)
            Pending = [.. HttpContext.RequestServices.GetRequiredService<Gatehouse.ControlPlane.Acme.ManagedSslStore>().Index.NeverIssuedAfter(null).Where(p => !state.Ssls.ContainsKey(p.Record.Id)).Take(PageSize).Select(p => p.Record)];
    }

    /// <summary>Up to a page and one more row in id order, each with its cursor; and whether it is the first page.</summary>
    private (List<(SslObjectModel Ssl, string Cursor)> Page, bool First) IdPage(ConfigModel state, SslObjectType? type, string text, DateTimeOffset now)
    {
        var cursor = After is { } after && ObjectIds.IsWellFormed(after) ? after : null;
        var models = ExpiresFilter is { } bar
            ? state.ExpiringBy(ExpiryTimeline.EndOf(bar.Key, now) - TimeSpan.FromTicks(1), type, cursor,
                    after: ExpiryTimeline.StartOf(bar.Key, now) - TimeSpan.FromTicks(1))
                .Where(m => ExpiryTimeline.Matches(bar.Key, m.EarliestNotAfter, now))
            : state.SslsInIdOrder(cursor, type);
        return ([.. models.Where(m => text.Length == 0 || Matches(m, text)).Take(PageSize + 1).Select(m => (m, m.Id))], cursor is null);
    }

    /// <summary>
    /// Up to a page and one more row soonest expiry first, from the expiry index: a timeline bar starts the walk at the
    /// bar's first instant and ends it at its last, so a page costs O(page × log N) (plus the rows a search skips).
    /// </summary>
    private (List<(SslObjectModel Ssl, string Cursor)> Page, bool First) ExpiryPage(ConfigModel state, SslObjectType? type, string text, DateTimeOffset now)
    {
        ExpiryPosition? cursor = ExpiryPosition.TryParse(After, out var after) ? after : null;
        var start = cursor;
        var end = DateTimeOffset.MaxValue;
        if (ExpiresFilter is { } bar)
        {
            end = ExpiryTimeline.EndOf(bar.Key, now);
            if (ExpiryTimeline.StartOf(bar.Key, now) is { } barStart && (start is not { } s || s.CompareTo(ExpiryPosition.Before(barStart)) < 0))
                start = ExpiryPosition.Before(barStart);
        }
        var rows = state.SslsBySoonestExpiry(start, type)
            .TakeWhile(p => p.Position.NotAfter < end)
            .Where(p => text.Length == 0 || Matches(p.Ssl, text))
            .Take(PageSize + 1);
        return ([.. rows.Select(p => (p.Ssl, p.Position.ToString()))], cursor is null);
    }

    /// <summary>This list's URL with its search, type and timeline bar, in the order <paramref name="sort"/>, from <paramref name="after"/>.</summary>
    public string ListUrl(string? sort, string? after = null)
    {
        var query = new QueryBuilder();
        if (!string.IsNullOrWhiteSpace(Q)) query.Add("q", Q);
        if (!string.IsNullOrEmpty(Type)) query.Add("type", Type);
        if (ExpiresFilter is { } bar) query.Add("expires", bar.Key);
        if (sort == "expiry") query.Add("sort", sort);
        if (after is not null) query.Add("after", after);
        return "/ssls" + query.ToQueryString();
    }

    private static bool Matches(SslObjectModel model, string text) =>
        model.Id.Contains(text, StringComparison.OrdinalIgnoreCase)
        || (model.Name?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false)
        || model.Facts.Snis.Any(s => s.Contains(text, StringComparison.OrdinalIgnoreCase))
        || model.Labels.Any(l => l.Contains(text, StringComparison.OrdinalIgnoreCase))
        || model.Facts.Subject.Contains(text, StringComparison.OrdinalIgnoreCase);
}
