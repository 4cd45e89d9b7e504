using Gatehouse.Configuration;
using System.Text;
using Gatehouse.ControlPlane.Configuration;
using Gatehouse.ControlPlane.Declarative;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gatehouse.ControlPlane.Console.Pages;

/// <summary>
/// The "Export" link (DESIGN.md §8, §13): downloads the document <c>gatehouse export</c> prints — YAML by default,
/// <c>?output=json</c> for JSON — without private keys or ids.
/// </summary>
public sealed class ExportModel(ConfigModelHolder holder) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "output")] public string? Output { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var json = Output == "json";
        var (document, _) = ConfigExporter.Export(holder.Current, LabelSelector.All);
        var text = json ? ConfigExporter.ToJson(document) : YamlDocuments.ToYaml(document);
        return File(Encoding.UTF8.GetBytes(text), json ? "application/json" : "application/yaml", json ? "gatehouse.json" : "gatehouse.yaml");
    }
}
