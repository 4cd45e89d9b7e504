using Gatehouse.ControlPlane.Console.Forms;
using Gatehouse.ControlPlane.Ssl;
using Gatehouse.Core.Validation;
using Microsoft.AspNetCore.Mvc;

namespace Gatehouse.ControlPlane.Console.Pages.Ssls;

/// <summary>Create SSL: every validation error beside its field, nothing stored on error, the key never echoed.</summary>
[RequestSizeLimit(ConsoleLimits.FormBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ConsoleLimits.FormBytes)]
public sealed class CreateModel(SslObjectService ssls) : SslFormPage
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var shapeErrors = new List<ValidationError>();
        var request = await ReadRequestAsync(shapeErrors, cancellationToken);
        try
        {
            var outcome = await ssls.CreateAsync(request, shapeErrors, dryRun: false, force: false, cancellationToken);
            return Redirect($"/ssls/{outcome.Model!.Id}?created=true");
        }
        catch (DomainError error)
        {
            Errors.AddAll(error);
            return Page();
        }
    }
}
