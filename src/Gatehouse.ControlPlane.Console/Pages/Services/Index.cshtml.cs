using Gatehouse.Configuration;
using Gatehouse.ControlPlane.Services;
using Gatehouse.Core.Ids;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gatehouse.ControlPlane.Console.Pages.Services;

/// <summary>The service list with a TLS coverage summary per service.</summary>
public sealed class IndexModel(ConfigModelHolder reader, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "deleted")] public string? DeletedId { get; set; }

    public IReadOnlyList<ServiceView> Rows { get; private set; } = [];
    public string? Deleted => DeletedId is { } id && ObjectIds.IsWellFormed(id) ? id : null;

    public void OnGet()
    {
        var state = reader.Current;
        var now = time.GetUtcNow();
        Rows = [.. state.ServicesInIdOrder().Select(s => ServiceView.From(s.Record, s.Revision, state.Sni, now))];
    }
}
