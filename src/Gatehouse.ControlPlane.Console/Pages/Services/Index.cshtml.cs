using Gatehouse.ControlPlane.Configuration;
using Gatehouse.ControlPlane.Services;
using Gatehouse.Core.Ids;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gatehouse.ControlPlane.Console.Pages.Services;

/// <summary>The service list with a TLS coverage summary per service.</summary>
public sealed class IndexModel(ConfigReader reader, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "deleted")] public string? DeletedId { get; set; }

    public IReadOnlyList<ServiceView> Rows { get; private set; } = [];
    public string? Deleted => DeletedId is { } id && ObjectIds.IsWellFormed(id) ? id : null;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var state = await reader.ReadAsync(cancellationToken);
        var now = time.GetUtcNow();
        Rows = [.. state.ServicesInIdOrder.Select(s => ServiceView.From(s.Record, s.Revision, state.Sni, now))];
    }
}
