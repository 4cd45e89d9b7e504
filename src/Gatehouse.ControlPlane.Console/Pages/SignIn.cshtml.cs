using Gatehouse.ControlPlane.Console.Security;
using Gatehouse.ControlPlane.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gatehouse.ControlPlane.Console.Pages;

/// <summary>Signs in with the admin token; the session is a cookie (see <see cref="ConsoleSession"/>).</summary>
public sealed class SignInModel(AdminToken token) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty] public string? Token { get; set; }
    [BindProperty(SupportsGet = true, Name = "signedout")] public bool SignedOut { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!token.Matches(Token))
        {
            // A small, constant pause makes guessing slow without locking the operator out.
            await Task.Delay(TimeSpan.FromMilliseconds(400));
            Error = "That is not the admin token.";
            return Page();
        }
        await ConsoleSession.SignInAsync(HttpContext, token);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/ssls");
    }
}
