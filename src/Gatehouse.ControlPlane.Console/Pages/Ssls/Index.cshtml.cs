using Gatehouse.ControlPlane.Console.Forms;
using Gatehouse.ControlPlane.Ssl;
using Gatehouse.Core.Ids;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gatehouse.ControlPlane.Console.Pages.Ssls;

/// <summary>The SSL object list, filtered by text (id, SNI, label, subject) and type through a GET form.</summary>
public sealed class IndexModel(SslObjectService ssls, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "type")] public string? Type { get; set; }
    [BindProperty(SupportsGet = true, Name = "deleted")] public string? DeletedId { get; set; }

    /// <summary>A bar of the expiry timeline: <c>expired</c> or <c>w1</c> … <c>w13</c>.</summary>
    [BindProperty(SupportsGet = true, Name = "expires")] public string? Expires { get; set; }

    public ExpiryTimeline Timeline { get; private set; } = ExpiryTimeline.For([], DateTimeOffset.UnixEpoch);

    public IReadOnlyList<(SslObjectView View, ExpiryBadge Badge)> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public bool Filtered => !string.IsNullOrWhiteSpace(Q) || !string.IsNullOrEmpty(Type) || ExpiresFilter is not null;

    /// <summary>The timeline bar the list is filtered to, or null (an unknown value is ignored).</summary>
    public ExpiryTimeline.Bar? ExpiresFilter => ExpiryTimeline.IsKey(Expires) ? Timeline.Bars.First(b => b.Key == Expires) : null;
    public string? Deleted => DeletedId is { } id && ObjectIds.IsWellFormed(id) ? id : null;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var state = await ssls.ReadAsync(cancellationToken);
        var now = time.GetUtcNow();
        var views = state.SslsInIdOrder.Select(m => SslObjectView.From(m, now, state.OcspOf(m))).ToList();
        Total = views.Count;
        Timeline = ExpiryTimeline.For(views.Select(ExpiryTimeline.NotAfterOf), now);
        var bar = ExpiresFilter;
        var text = Q?.Trim() ?? "";
        Rows = [.. views
            .Where(v => string.IsNullOrEmpty(Type) || v.Type == Type)
            .Where(v => text.Length == 0 || Matches(v, text))
            .Where(v => bar is null || ExpiryTimeline.Matches(bar.Key, ExpiryTimeline.NotAfterOf(v), now))
            .Select(v => (v, ExpiryBadge.For(v, now)))];
    }

    private static bool Matches(SslObjectView view, string text) =>
        view.Id.Contains(text, StringComparison.OrdinalIgnoreCase)
        || (view.Name?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false)
        || view.Snis.Any(s => s.Contains(text, StringComparison.OrdinalIgnoreCase))
        || view.Labels.Any(l => l.Contains(text, StringComparison.OrdinalIgnoreCase))
        || view.Subject.Contains(text, StringComparison.OrdinalIgnoreCase);
}
