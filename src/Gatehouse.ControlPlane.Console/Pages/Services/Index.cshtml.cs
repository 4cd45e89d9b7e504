using Gatehouse.Configuration;
using Gatehouse.ControlPlane.Services;
using Gatehouse.Core.Ids;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gatehouse.ControlPlane.Console.Pages.Services;

/// <summary>
/// The service list with a TLS coverage summary per service, 100 rows a page in id order (DESIGN.md §11): a page reads
/// and computes coverage for its own rows only.
/// </summary>
public sealed class IndexModel(ConfigModelHolder reader, TimeProvider time) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true, Name = "deleted")] public string? DeletedId { get; set; }
    [BindProperty(SupportsGet = true, Name = "after")] public string? After { get; set; }

    public IReadOnlyList<ServiceView> Rows { get; private set; } = [];
    public int Total { get; private set; }

    /// <summary>The id after which the next page starts, or null on the last page.</summary>
    public string? NextCursor { get; private set; }
    public string? Deleted => DeletedId is { } id && ObjectIds.IsWellFormed(id) ? id : null;

    public void OnGet()
    {
        var state = reader.Current;
        var now = time.GetUtcNow();
        Total = state.Services.Count;
        var cursor = After is { } after && ObjectIds.IsWellFormed(after) ? after : null;
        var page = state.ServicesInIdOrder(cursor).Take(PageSize + 1).ToList();
        NextCursor = page.Count > PageSize ? page[PageSize - 1].Id : null;
        Rows = [.. page.Take(PageSize).Select(s => ServiceView.From(s.Record, s.Revision, state.Sni, now))];
    }
}
