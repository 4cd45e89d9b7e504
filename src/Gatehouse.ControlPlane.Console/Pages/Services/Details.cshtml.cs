using Gatehouse.Configuration;
using Gatehouse.ControlPlane.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gatehouse.ControlPlane.Console.Pages.Services;

/// <summary>A service with the SSL object serving each of its hosts (<c>tls_coverage</c>).</summary>
public sealed class DetailsModel(ConfigModelHolder reader, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "saved")] public bool Saved { get; set; }

    public ServiceView? View { get; private set; }

    public IActionResult OnGet(string id)
    {
        var state = reader.Current;
        if (state.Services.GetValueOrDefault(id) is not { } model) return NotFound();
        View = ServiceView.From(model.Record, model.Revision, state.Sni, time.GetUtcNow());
        return Page();
    }
}
