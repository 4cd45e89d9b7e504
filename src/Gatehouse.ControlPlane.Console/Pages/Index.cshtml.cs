using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gatehouse.ControlPlane.Console.Pages;

/// <summary>The console starts at the SSL object list.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => Redirect("/ssls");
}
