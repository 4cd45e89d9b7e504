using Gatehouse.ControlPlane.Console.Forms;
using Gatehouse.ControlPlane.Ssl;
using Gatehouse.Core.Services;
using Gatehouse.Core.Sni;
using Gatehouse.Core.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gatehouse.ControlPlane.Console.Pages.Ssls;

/// <summary>
/// Delete SSL: shows what would be uncovered, needs the ID typed back, and forces past a guard only when the
/// operator ticks Force (offered only when a guard applies).
/// </summary>
public sealed class DeleteModel(SslObjectService ssls, TimeProvider time) : PageModel
{
    [BindProperty] public string? ConfirmId { get; set; }
    [BindProperty] public bool Force { get; set; }
    [BindProperty] public long? Revision { get; set; }

    public SslObjectView? View { get; private set; }
    public SslImpact? Impact { get; private set; }
    public IReadOnlyList<ServiceModel> InUse { get; private set; } = [];
    public bool GuardApplies { get; private set; }
    public FormErrors Errors { get; } = new("confirm");

    public IActionResult OnGet(string id) => Load(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (Force && !User.IsInRole("admin")) return Forbid();
        if (!Load(id)) return Redirect("/ssls");
        if (ConfirmId?.Trim() != id)
        {
            Errors.Add("confirm", "The ID you typed does not match this object's ID; nothing was deleted.");
            return Page();
        }
        try
        {
            await ssls.DeleteAsync(id, Revision, force: Force, cancellationToken);
            return Redirect($"/ssls?deleted={id}");
        }
        catch (DomainError error) when (error.Kind == DomainErrorKind.Stale)
        {
            Errors.Add(null, "The object changed since this page was loaded: review what deleting it would do now, then confirm again.");
            return Page();
        }
        catch (DomainError error)
        {
            Errors.AddAll(error);
            GuardApplies |= Errors.HasGuards;
            return Page();
        }
    }

    private bool Load(string id)
    {
        var state = ssls.Model;
        if (state.Ssls.GetValueOrDefault(id) is not { } model) return false;
        var now = time.GetUtcNow();
        View = SslObjectView.From(model, now);
        // The API's own guard prediction: what this page shows is what the delete would refuse.
        var (hosts, guards) = SslGuards.Predict(state, removed: model, added: null, now);
        Impact = SslImpact.Between(model.Facts.Snis, [], hosts);
        InUse = [.. state.ServicesUsingClient(id)];
        GuardApplies = guards.Count > 0;
        return true;
    }

}
