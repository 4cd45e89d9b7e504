using Gatehouse.ControlPlane.Console.Forms;
using Gatehouse.ControlPlane.Ssl;
using Gatehouse.Core.Ids;
using Gatehouse.Core.Ssl;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.ControlPlane.Console.Pages.Ssls;

/// <summary>
/// The SSL object list, 100 rows a page in id order (DESIGN.md §11), filtered by text (id, SNI, label, subject) and
/// type through a GET form. A page reads only as far into the model as it needs rows.
/// </summary>
public sealed class IndexModel(SslObjectService ssls, TimeProvider time) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "type")] public string? Type { get; set; }
    [BindProperty(SupportsGet = true, Name = "after")] public string? After { get; set; }
    [BindProperty(SupportsGet = true, Name = "deleted")] public string? DeletedId { get; set; }

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
        var cursor = After is { } after && ObjectIds.IsWellFormed(after) ? after : null;
        var text = Q?.Trim() ?? "";
        var models = ExpiresFilter is { } bar
            ? state.ExpiringBy(ExpiryTimeline.EndOf(bar.Key, now) - TimeSpan.FromTicks(1), type)
                .Where(m => ExpiryTimeline.Matches(bar.Key, m.EarliestNotAfter, now) && (cursor is null || string.CompareOrdinal(m.Id, cursor) > 0))
            : state.SslsInIdOrder(cursor, type);
        var page = models.Where(m => text.Length == 0 || Matches(m, text)).Take(PageSize + 1).ToList();
        NextCursor = page.Count > PageSize ? page[PageSize - 1].Id : null;
        Rows = [.. page.Take(PageSize).Select(m => SslObjectView.From(m, now, state.OcspOf(m))).Select(v => (v, ExpiryBadge.For(v, now)))];
        if (!Filtered && cursor is null)
            Pending = [.. HttpContext.RequestServices.GetRequiredService<Gatehouse.ControlPlane.Acme.ManagedSslStore>().Index.NeverIssuedAfter(null).Where(p => !state.Ssls.ContainsKey(p.Record.Id)).Take(PageSize).Select(p => p.Record)];
    }

    private static bool Matches(SslObjectModel model, string text) =>
        model.Id.Contains(text, StringComparison.OrdinalIgnoreCase)
        || (model.Name?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false)
        || model.Facts.Snis.Any(s => s.Contains(text, StringComparison.OrdinalIgnoreCase))
        || model.Labels.Any(l => l.Contains(text, StringComparison.OrdinalIgnoreCase))
        || model.Facts.Subject.Contains(text, StringComparison.OrdinalIgnoreCase);
}
