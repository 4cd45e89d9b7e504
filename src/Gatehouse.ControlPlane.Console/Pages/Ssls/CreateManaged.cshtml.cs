using System.Text.Json.Nodes;
using Gatehouse.ControlPlane.Acme;
using Gatehouse.ControlPlane.Api;
using Gatehouse.ControlPlane.Console.Forms;
using Gatehouse.Core.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.ControlPlane.Console.Pages.Ssls;

/// <summary>
/// Create a managed (ACME) SSL object (DESIGN.md §12): an issuer, the names, the challenge, labels. It exists at once,
/// pending, and the details page follows its ACME state. Every error beside its field; nothing stored on error.
/// </summary>
public sealed class CreateManagedModel : PageModel
{
    [BindProperty] public string? Issuer { get; set; }
    [BindProperty] public string? Domains { get; set; }
    [BindProperty] public string? ChallengeType { get; set; }
    [BindProperty] public string? Labels { get; set; }

    /// <summary>The issuers to choose from (few: each is a CA the operator registered): id and directory URL.</summary>
    public IReadOnlyList<(string Id, string DirectoryUrl)> Issuers { get; private set; } = [];

    public FormErrors Errors { get; } = new("acme.issuer", "acme.domains", "acme.challenge", "labels");

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var acme = new JsonObject
        {
            ["issuer"] = Issuer?.Trim() ?? "",
            ["domains"] = new JsonArray([.. Lines(Domains).Select(d => (JsonNode?)d)]),
            ["challenge"] = string.IsNullOrEmpty(ChallengeType) ? "http-01" : ChallengeType,
        };
        var json = new JsonObject { ["acme"] = acme, ["labels"] = new JsonArray([.. Lines(Labels).Select(l => (JsonNode?)l)]) };
        try
        {
            using var body = JsonBody.Of(json);
            var managed = HttpContext.RequestServices.GetRequiredService<ManagedSslStore>();
            var (record, _) = await managed.CreateAsync(ManagedRequest.From(body), cancellationToken);
            return Redirect($"/ssls/{record.Id}?created=true");
        }
        catch (DomainError error) when (error.Kind == DomainErrorKind.Invalid)
        {
            Errors.AddAll(error.Details);
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Issuers = [.. (await HttpContext.RequestServices.GetRequiredService<IssuerStore>().ListAsync(cancellationToken))
            .Select(i => (i.Record.Id, i.Record.DirectoryUrl))];

    private static IEnumerable<string> Lines(string? text) =>
        (text ?? "").Split(['\n', ',', ' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
