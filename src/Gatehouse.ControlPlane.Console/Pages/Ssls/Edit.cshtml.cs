using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gatehouse.ControlPlane.Console.Forms;
using Gatehouse.ControlPlane.Ssl;
using Gatehouse.Core.Ssl;
using Gatehouse.Core.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gatehouse.ControlPlane.Console.Pages.Ssls;

/// <summary>
/// Update SSL, reusing the create form prefilled (never the key). A submit first runs a dry run and shows the
/// impact; the same form submitted again unchanged (same digest, object still at the previewed revision) saves.
/// </summary>
[RequestSizeLimit(ConsoleLimits.FormBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ConsoleLimits.FormBytes)]
public sealed class EditModel(SslObjectService ssls) : SslFormPage
{
    [BindProperty] public string? PreviewDigest { get; set; }
    [BindProperty] public long? PreviewRevision { get; set; }

    public string Id { get; private set; } = "";
    public SslImpact? Impact { get; private set; }
    public IReadOnlyList<string> Warnings { get; private set; } = [];
    public bool KeyWasGiven { get; private set; }
    public string? Notice { get; private set; }

    public override bool TypeIsFixed => true;
    public override bool KeyIsOptional => true;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var state = ssls.Model;
        if (state.Ssls.GetValueOrDefault(id) is not { } model) return NotFound();
        Id = id;
        var record = model.Record;
        Type = record.Type;
        Name = record.Name;
        Certificate = record.Certificate;
        CaCertificate = record.CaCertificate;
        Labels = string.Join(", ", record.Labels);
        Fallback = record.Fallback;
        Crl = record.Crl;
        CrlStrict = record.CrlStrict;
        FillTls(model);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (Force && !User.IsInRole("admin")) return Forbid();
        var state = ssls.Model;
        if (state.Ssls.GetValueOrDefault(id) is not { } current) return NotFound();
        Id = id;
        Type = current.Type.ToWire();
        var shapeErrors = new List<ValidationError>();
        var request = await ReadRequestAsync(shapeErrors, cancellationToken);
        var digest = Digest(request, Force);
        if (PreviewDigest == digest && PreviewRevision is { } previewed)
        {
            try
            {
                await ssls.ReplaceAsync(id, request, [.. shapeErrors], previewed, dryRun: false, Force, cancellationToken);
                return Redirect($"/ssls/{id}?updated=true");
            }
            catch (DomainError error) when (error.Kind == DomainErrorKind.Stale)
            {
                Notice = "The object changed since the preview: review the new impact before saving.";
                current = ssls.Model.Ssls.GetValueOrDefault(id);
                if (current is null) return NotFound();
            }
            catch (DomainError error)
            {
                return Refused(error);
            }
        }
        else if (PreviewDigest is not null)
        {
            Notice = "The form changed since the preview: review the new impact before saving.";
        }

        try
        {
            var outcome = await ssls.ReplaceAsync(id, request, [.. shapeErrors], current.Revision, dryRun: true, Force, cancellationToken);
            Impact = outcome.Impact;
            Warnings = outcome.Warnings;
            KeyWasGiven = request.PrivateKey is not null;
            PreviewDigest = digest;
            PreviewRevision = current.Revision;
            return Page();
        }
        catch (DomainError error)
        {
            return Refused(error);
        }
    }

    private PageResult Refused(DomainError error)
    {
        Errors.AddAll(error);
        PreviewDigest = null;
        PreviewRevision = null;
        return Page();
    }

    /// <summary>What the preview covered. The key itself is not part of it (only whether one was given): the impact does not depend on it.</summary>
    private static string Digest(SslObjectRequest request, bool force)
    {
        var json = JsonSerializer.Serialize(new object?[]
        {
            request.Certificate, request.PrivateKey is not null, request.CaCertificate, request.Labels, request.Fallback, request.Crl, request.CrlStrict, force,
            request.AltCertificate, request.AltPrivateKey is not null, request.MinTlsVersion, request.Tls12CipherSuites, request.Name,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
    }
}
