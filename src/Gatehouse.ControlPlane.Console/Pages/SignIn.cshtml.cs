using Gatehouse.ControlPlane.Access;
using Gatehouse.ControlPlane.Console.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Logging;

namespace Gatehouse.ControlPlane.Console.Pages;

/// <summary>
/// Signs in with any token — a named one or the bootstrap admin token — into a cookie session (see <see cref="ConsoleSession"/>).
/// Failures are logged by address and limited per address with the API's (<see cref="AuthenticationThrottle"/>).
/// </summary>
public sealed partial class SignInModel(TokenAuthenticator authenticator, AuthenticationThrottle throttle, ILogger<SignInModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty] public string? Token { get; set; }
    [BindProperty(SupportsGet = true, Name = "signedout")] public bool SignedOut { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var address = HttpContext.Connection.RemoteIpAddress;
        if (throttle.IsBlocked(address, out var wait))
        {
            var seconds = AuthenticationThrottle.RetryAfterSeconds(wait);
            Response.Headers.RetryAfter = seconds;
            Error = $"Too many failed sign-ins from this address: try again in {seconds} seconds.";
            var refused = Page();
            refused.StatusCode = StatusCodes.Status429TooManyRequests;
            return refused;
        }
        var principal = await authenticator.AuthenticateAsync(Token?.Trim(), cancellationToken);
        if (principal is null)
        {
            throttle.RecordFailure(address);
            LogFailed(logger, ClientAddress.Of(HttpContext));
            Error = "That is not a valid token (it may have been deleted or have expired).";
            return Page();
        }
        await ConsoleSession.SignInAsync(HttpContext, principal);
        LogSignedIn(logger, principal.Name, ClientAddress.Of(HttpContext));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/ssls");
    }

    [LoggerMessage(EventId = 140, Level = LogLevel.Warning, Message = "Failed console sign-in from {Address}")]
    private static partial void LogFailed(ILogger logger, string address);

    [LoggerMessage(EventId = 141, Level = LogLevel.Information, Message = "Console sign-in: {Principal} from {Address}")]
    private static partial void LogSignedIn(ILogger logger, string principal, string address);
}
