using Gatehouse.ControlPlane.Configuration;
using Gatehouse.ControlPlane.Api;
using Gatehouse.Configuration;
using Gatehouse.ControlPlane.Console.Forms;
using Gatehouse.ControlPlane.Services;
using Gatehouse.Core.Validation;
using Microsoft.AspNetCore.Mvc;

namespace Gatehouse.ControlPlane.Console.Pages.Services;

/// <summary>Create service; its details page then shows the TLS coverage of each host.</summary>
[RequestSizeLimit(ConsoleLimits.FormBytes)]
public sealed class CreateModel(ServiceWriter writer, ConfigModelHolder reader) : ServiceFormPage
{
    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadChoicesAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var errors = new List<ValidationError>();
        var draft = ToDraft(errors);
        try
        {
            var outcome = await writer.CreateAsync(draft, errors, dryRun: false, cancellationToken);
            return Redirect($"/services/{outcome.Record.Id}?saved=true");
        }
        catch (DomainError error)
        {
            Errors.AddAll(error);
            await LoadChoicesAsync(cancellationToken);
            return Page();
        }
    }

    private async Task LoadChoicesAsync(CancellationToken cancellationToken) => LoadChoices(reader.Current);
}
