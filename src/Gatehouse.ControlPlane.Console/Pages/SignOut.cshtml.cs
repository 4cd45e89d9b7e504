using Gatehouse.ControlPlane.Console.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gatehouse.ControlPlane.Console.Pages;

/// <summary>Ends the session (POST with the antiforgery token only; a GET goes back to the console).</summary>
public sealed class SignOutModel : PageModel
{
    public IActionResult OnGet() => Redirect("/ssls");

    public async Task<IActionResult> OnPostAsync()
    {
        await ConsoleSession.SignOutAsync(HttpContext);
        return Redirect("/signin?signedout=true");
    }
}
