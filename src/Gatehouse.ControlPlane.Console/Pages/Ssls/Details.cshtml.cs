using Gatehouse.ControlPlane.Acme;
using Gatehouse.ControlPlane.Console.Forms;
using Gatehouse.ControlPlane.Ssl;
using Gatehouse.Core.Coverage;
using Gatehouse.Core.Services;
using Gatehouse.Core.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.ControlPlane.Console.Pages.Ssls;

/// <summary>
/// Everything about an SSL object but its key (the view type has no key field), and the services it covers; for a
/// managed (ACME) object its state and history, with Renew now and Detach for operators (a pending object has only those).
/// </summary>
public sealed class DetailsModel(SslObjectService ssls, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "created")] public bool Created { get; set; }
    [BindProperty(SupportsGet = true, Name = "updated")] public bool Updated { get; set; }
    [BindProperty(SupportsGet = true, Name = "renewal")] public bool RenewalRequested { get; set; }
    [BindProperty(SupportsGet = true, Name = "detached")] public bool Detached { get; set; }

    /// <summary>The ACME section, for a managed object.</summary>
    public AcmeState? Acme { get; private set; }

    /// <summary>The id of a managed object not issued yet (then <see cref="View"/> is null).</summary>
    public string? PendingId { get; private set; }

    public FormErrors Errors { get; } = new();

    private ManagedSslStore Managed => HttpContext.RequestServices.GetRequiredService<ManagedSslStore>();

    public SslObjectView? View { get; private set; }
    public ExpiryBadge? Badge { get; private set; }
    public IReadOnlyList<(ServiceModel Service, HostCoverage Coverage)> Covered { get; private set; } = [];
    public IReadOnlyList<ServiceModel> ClientOf { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>Renew now: the next attempt is due at once (operator).</summary>
    public async Task<IActionResult> OnPostRenewAsync(string id, CancellationToken cancellationToken)
    {
        if (!User.IsInRole("operator")) return Forbid();
        try
        {
            await Managed.RenewAsync(id, cancellationToken);
            return Redirect($"/ssls/{id}?renewal=true");
        }
        catch (DomainError error) when (error.Kind is DomainErrorKind.NotFound or DomainErrorKind.Conflict)
        {
            return await ShowAsync(id, error, cancellationToken);
        }
    }

    /// <summary>Detach: the object keeps its certificate and becomes a normal one (operator; only once issued).</summary>
    public async Task<IActionResult> OnPostDetachAsync(string id, CancellationToken cancellationToken)
    {
        if (!User.IsInRole("operator")) return Forbid();
        try
        {
            await Managed.DetachAsync(id, ssls.Model.Ssls.ContainsKey(id), cancellationToken);
            return Redirect($"/ssls/{id}?detached=true");
        }
        catch (DomainError error) when (error.Kind is DomainErrorKind.NotFound or DomainErrorKind.Conflict)
        {
            return await ShowAsync(id, error, cancellationToken);
        }
    }

    private async Task<IActionResult> ShowAsync(string id, DomainError error, CancellationToken cancellationToken)
    {
        foreach (var detail in error.Details) Errors.Add(null, detail.Message);
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        var state = ssls.Model;
        var acme = await Managed.FindAsync(id, cancellationToken);
        var model = state.Ssls.GetValueOrDefault(id);
        if (acme is { } found) Acme = new AcmeState(id, found.Record, model is not null, User.IsInRole("operator"));
        if (model is null)
        {
            PendingId = acme is null ? null : id;
            return acme is not null;
        }
        var now = time.GetUtcNow();
        View = SslObjectView.From(model, now, state.OcspOf(model));
        Badge = ExpiryBadge.For(View, now);
        // Only the services on this object's names can be covered by it.
        Covered = [.. state.ServicesAffectedBy(model.Facts.Snis).SelectMany(s => CoverageAnalyzer.For(s.Record, state.Sni, now)
            .Where(c => c.SslId == id).Select(c => (s, c)))];
        ClientOf = [.. state.ServicesUsingClient(id)];
        return true;
    }
}
