using Gatehouse.ControlPlane.Configuration;
using Gatehouse.ControlPlane.Api;
using Gatehouse.Configuration;
using Gatehouse.ControlPlane.Console.Forms;
using Gatehouse.ControlPlane.Services;
using Gatehouse.Core.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gatehouse.ControlPlane.Console.Pages.Services;

/// <summary>Delete service: the ID typed back confirms it; the page lists the routes that go away.</summary>
public sealed class DeleteModel(ServiceWriter writer, ConfigModelHolder reader, TimeProvider time) : PageModel
{
    [BindProperty] public string? ConfirmId { get; set; }
    [BindProperty] public long? Revision { get; set; }

    public ServiceView? View { get; private set; }
    public FormErrors Errors { get; } = new("confirm");

    public IActionResult OnGet(string id) => Load(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (!Load(id)) return Redirect("/services");
        if (ConfirmId?.Trim() != id)
        {
            Errors.Add("confirm", "The ID you typed does not match this service's ID; nothing was deleted.");
            return Page();
        }
        try
        {
            await writer.DeleteAsync(id, Revision, cancellationToken);
            return Redirect($"/services?deleted={id}");
        }
        catch (DomainError error) when (error.Kind == DomainErrorKind.Stale)
        {
            Errors.Add(null, "The service changed since this page was loaded: review it, then confirm again.");
            return Page();
        }
    }

    private bool Load(string id)
    {
        var state = reader.Current;
        if (state.Services.GetValueOrDefault(id) is not { } model) return false;
        View = ServiceView.From(model.Record, model.Revision, state.Sni, time.GetUtcNow());
        return true;
    }
}
