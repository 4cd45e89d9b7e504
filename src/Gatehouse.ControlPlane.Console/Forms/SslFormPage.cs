using System.Text;
using Gatehouse.ControlPlane.Ssl;
using Gatehouse.Core.Ssl;
using Gatehouse.Core.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gatehouse.ControlPlane.Console.Forms;

/// <summary>
/// The SSL object form shared by Create and Update: each PEM field comes from a file or from pasted text.
/// The private key is bound for the request only and never put back into the page.
/// </summary>
public abstract class SslFormPage : PageModel
{
    /// <summary>Largest PEM file accepted per field; the whole form is capped at 1 MiB like the API's bodies.</summary>
    public const int MaxFileBytes = 512 * 1024;

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Certificate { get; set; }
    [BindProperty] public IFormFile? CertificateFile { get; set; }
    [BindProperty] public string? PrivateKey { get; set; }
    [BindProperty] public IFormFile? PrivateKeyFile { get; set; }
    [BindProperty] public string? CaCertificate { get; set; }
    [BindProperty] public IFormFile? CaCertificateFile { get; set; }
    [BindProperty] public string Type { get; set; } = "server";
    [BindProperty] public string? Labels { get; set; }
    [BindProperty] public bool Fallback { get; set; }
    [BindProperty] public string? Crl { get; set; }
    [BindProperty] public IFormFile? CrlFile { get; set; }
    [BindProperty] public bool CrlStrict { get; set; }
    [BindProperty] public bool Force { get; set; }
    [BindProperty] public string? AltCertificate { get; set; }
    [BindProperty] public IFormFile? AltCertificateFile { get; set; }
    [BindProperty] public string? AltPrivateKey { get; set; }
    [BindProperty] public IFormFile? AltPrivateKeyFile { get; set; }
    [BindProperty] public string MinTlsVersion { get; set; } = "1.2";
    [BindProperty] public string? Tls12CipherSuites { get; set; }

    public FormErrors Errors { get; } = new("name", "certificate", "private_key", "ca_certificate", "type", "labels", "fallback", "crl", "crl_strict",
        "alt_certificate", "alt_private_key", "min_tls_version", "tls12_cipher_suites");

    /// <summary>Update only: the type is fixed after create.</summary>
    public virtual bool TypeIsFixed => false;

    /// <summary>Update only: the stored key may be kept.</summary>
    public virtual bool KeyIsOptional => false;

    /// <summary>The request the form describes; shape problems go to <paramref name="shapeErrors"/>.</summary>
    protected async Task<SslObjectRequest> ReadRequestAsync(List<ValidationError> shapeErrors, CancellationToken cancellationToken)
    {
        Certificate = await PemFieldAsync("certificate", Certificate, CertificateFile, shapeErrors, cancellationToken);
        var key = await PemFieldAsync("private_key", PrivateKey, PrivateKeyFile, shapeErrors, cancellationToken);
        PrivateKey = null;
        CaCertificate = await PemFieldAsync("ca_certificate", CaCertificate, CaCertificateFile, shapeErrors, cancellationToken);
        Crl = await PemFieldAsync("crl", Crl, CrlFile, shapeErrors, cancellationToken);
        SslObjectType? type = null;
        if (!TypeIsFixed)
        {
            if (SslObjectTypes.TryParse(Type, out var parsed)) type = parsed;
            else shapeErrors.Add(new("type", "invalid_parameter", "Choose server or client."));
        }
        AltCertificate = await PemFieldAsync("alt_certificate", AltCertificate, AltCertificateFile, shapeErrors, cancellationToken);
        var altKey = await PemFieldAsync("alt_private_key", AltPrivateKey, AltPrivateKeyFile, shapeErrors, cancellationToken);
        AltPrivateKey = null;
        var suites = ParseLabels(Tls12CipherSuites);
        return new SslObjectRequest(Certificate, key, CaCertificate, type, ParseLabels(Labels), Fallback, Crl, CrlStrict)
        {
            AltCertificate = AltCertificate,
            AltPrivateKey = altKey,
            // The server-type default needs no field: a client object then sends none and is not refused for it.
            MinTlsVersion = MinTlsVersion == "1.2" ? null : MinTlsVersion,
            Tls12CipherSuites = suites.Count == 0 ? null : suites,
            Name = string.IsNullOrWhiteSpace(Name) ? null : Name.Trim(),
        };
    }

    /// <summary>Fills the TLS fields from a stored object (Update's prefill; never a key).</summary>
    protected void FillTls(SslObjectModel model)
    {
        AltCertificate = model.Record.AltCertificate;
        MinTlsVersion = model.Policy.MinTlsVersion;
        Tls12CipherSuites = model.Policy.HasDefaultSuites ? null : string.Join(", ", model.Policy.Tls12CipherSuites);
    }

    public static IReadOnlyList<string> ParseLabels(string? text) =>
        [.. (text ?? "").Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>A file wins over nothing, pasted text over nothing; both at once is refused (which one was meant?).</summary>
    private static async Task<string?> PemFieldAsync(string field, string? pasted, IFormFile? file, List<ValidationError> errors,
        CancellationToken cancellationToken)
    {
        var text = string.IsNullOrWhiteSpace(pasted) ? null : pasted.Replace("\r\n", "\n");
        if (file is null || file.Length == 0) return text;
        if (text is not null)
        {
            errors.Add(new(field, "invalid_parameter", "Give this either as a file or as pasted text, not both."));
            return null;
        }
        if (file.Length > MaxFileBytes)
        {
            errors.Add(new(field, "payload_too_large", $"The file is larger than {MaxFileBytes / 1024} KiB; a PEM file is much smaller."));
            return null;
        }
        using var reader = new StreamReader(file.OpenReadStream(), new UTF8Encoding(false, throwOnInvalidBytes: true));
        try
        {
            var content = await reader.ReadToEndAsync(cancellationToken);
            return string.IsNullOrWhiteSpace(content) ? null : content.Replace("\r\n", "\n");
        }
        catch (DecoderFallbackException)
        {
            errors.Add(new(field, "invalid_parameter", "The file is not PEM text (DER or another binary format?); convert it to PEM."));
            return null;
        }
    }
}
