using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gatehouse.ControlPlane.Configuration;
using Gatehouse.ControlPlane.Api;
using Gatehouse.Configuration;
using Gatehouse.ControlPlane.Console.Forms;
using Gatehouse.ControlPlane.Services;
using Gatehouse.Core.Coverage;
using Gatehouse.Core.Validation;
using Microsoft.AspNetCore.Mvc;

namespace Gatehouse.ControlPlane.Console.Pages.Services;

/// <summary>Edit service: a dry run shows the hosts' TLS coverage first; the unchanged form submitted again saves.</summary>
[RequestSizeLimit(ConsoleLimits.FormBytes)]
public sealed class EditModel(ServiceWriter writer, ConfigModelHolder reader, TimeProvider time) : ServiceFormPage
{
    [BindProperty] public string? PreviewDigest { get; set; }
    [BindProperty] public long? PreviewRevision { get; set; }

    public string Id { get; private set; } = "";
    public IReadOnlyList<HostCoverage>? Preview { get; private set; }
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var state = reader.Current;
        if (state.Services.GetValueOrDefault(id) is not { } model) return NotFound();
        Id = id;
        Fill(model.Record);
        LoadChoices(state);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        var state = reader.Current;
        if (state.Services.GetValueOrDefault(id) is not { } current) return NotFound();
        Id = id;
        LoadChoices(state);
        var shapeErrors = new List<ValidationError>();
        var draft = ToDraft(shapeErrors);
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(draft))));
        try
        {
            if (PreviewDigest == digest && PreviewRevision is { } previewed)
            {
                try
                {
                    await writer.ReplaceAsync(id, draft, [.. shapeErrors], previewed, dryRun: false, cancellationToken);
                    return Redirect($"/services/{id}?saved=true");
                }
                catch (DomainError error) when (error.Kind == DomainErrorKind.Stale)
                {
                    Notice = "The service changed since the preview: review the new coverage before saving.";
                    state = reader.Current;
                    current = state.Services.GetValueOrDefault(id);
                    if (current is null) return NotFound();
                }
            }
            else if (PreviewDigest is not null)
            {
                Notice = "The form changed since the preview: review the new coverage before saving.";
            }
            var outcome = await writer.ReplaceAsync(id, draft, [.. shapeErrors], current.Revision, dryRun: true, cancellationToken);
            Preview = CoverageAnalyzer.For(outcome.Record, state.Sni, time.GetUtcNow());
            PreviewDigest = digest;
            PreviewRevision = current.Revision;
        }
        catch (DomainError error)
        {
            Errors.AddAll(error);
            PreviewDigest = null;
            PreviewRevision = null;
        }
        return Page();
    }
}
