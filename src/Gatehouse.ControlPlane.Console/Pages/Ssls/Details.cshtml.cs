using Gatehouse.ControlPlane.Console.Forms;
using Gatehouse.ControlPlane.Ssl;
using Gatehouse.Core.Coverage;
using Gatehouse.Core.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gatehouse.ControlPlane.Console.Pages.Ssls;

/// <summary>Everything about an SSL object but its key (the view type has no key field), and the services it covers.</summary>
public sealed class DetailsModel(SslObjectService ssls, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "created")] public bool Created { get; set; }
    [BindProperty(SupportsGet = true, Name = "updated")] public bool Updated { get; set; }

    public SslObjectView? View { get; private set; }
    public ExpiryBadge? Badge { get; private set; }
    public IReadOnlyList<(ServiceModel Service, HostCoverage Coverage)> Covered { get; private set; } = [];
    public IReadOnlyList<ServiceModel> ClientOf { get; private set; } = [];

    public IActionResult OnGet(string id)
    {
        var state = ssls.Model;
        if (state.Ssls.GetValueOrDefault(id) is not { } model) return NotFound();
        var now = time.GetUtcNow();
        View = SslObjectView.From(model, now, state.OcspOf(model));
        Badge = ExpiryBadge.For(View, now);
        // Only the services on this object's names can be covered by it.
        Covered = [.. state.ServicesAffectedBy(model.Facts.Snis).SelectMany(s => CoverageAnalyzer.For(s.Record, state.Sni, now)
            .Where(c => c.SslId == id).Select(c => (s, c)))];
        ClientOf = [.. state.ServicesUsingClient(id)];
        return Page();
    }
}
