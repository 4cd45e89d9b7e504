using Gatehouse.ControlPlane.Access;
using Gatehouse.ControlPlane.Console.Security;
using Gatehouse.ControlPlane.Hosting;
using Gatehouse.Core.Secrets;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.ControlPlane.Console;

/// <summary>Adds the web console (DESIGN.md §8) to the admin host: Razor Pages at <c>/</c>, cookie sessions, antiforgery.</summary>
public static class ConsoleExtensions
{
    /// <summary>Console services. Session keys live in <c>{data}/console-keys</c>, encrypted with the keyring, so sessions survive restarts.</summary>
    public static IServiceCollection AddGatehouseConsole(this IServiceCollection services, AdminHostOptions options)
    {
        var protection = services.AddDataProtection().SetApplicationName("gatehouse-console");
        if (options.DataDirectory is { } data)
            protection.PersistKeysToFileSystem(ConsoleKeyDirectory.Ensure(Path.Combine(data, "console-keys")));
        // Session keys are encrypted at rest with the keyring, like private keys in the store.
        services.AddOptions<KeyManagementOptions>().Configure<Keyring>((keys, keyring) => keys.XmlEncryptor = new KeyringXmlEncryptor(keyring));

        services.AddAuthentication(ConsoleSession.Scheme).AddCookie(ConsoleSession.Scheme, cookie =>
        {
            cookie.Cookie.Name = "gatehouse_console";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.LoginPath = "/signin";
            cookie.LogoutPath = "/signout";
            cookie.AccessDeniedPath = "/signin";
            cookie.ReturnUrlParameter = "returnUrl";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            cookie.Events.OnValidatePrincipal = ConsoleSession.ValidateAsync;
            // A page the role may not use is a plain 403, not a trip back to the sign-in page.
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                context.Response.ContentType = "text/plain; charset=utf-8";
                return context.Response.WriteAsync("Forbidden: your role may not do this (creating, changing and deleting need operator; forcing needs admin).");
            };
        });
        services.AddSingleton<ConsoleSessionStore>();
        services.AddHostedService<SessionSweeper>();
        services.AddAuthorization(authorization =>
        {
            foreach (var role in RoleNames.All) authorization.AddPolicy(role, policy => policy.RequireAuthenticatedUser().RequireRole(role));
        });
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "gatehouse_csrf";
            antiforgery.Cookie.HttpOnly = true;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            antiforgery.FormFieldName = "__csrf";
            // The console sends its own X-Frame-Options: DENY (with CSP frame-ancestors 'none').
            antiforgery.SuppressXFrameOptionsHeader = true;
        });
        services.AddRazorPages(pages =>
            {
                pages.Conventions.AuthorizeFolder("/");
                pages.Conventions.AllowAnonymousToPage("/SignIn");
                foreach (var (page, role) in ConsolePageRoles.Pages) pages.Conventions.AuthorizePage(page, RoleNames.Of(role));
            })
            .AddMvcOptions(mvc => mvc.Filters.Add(new Security.KeyMaterialScrubFilter()))
            .AddApplicationPart(typeof(ConsoleExtensions).Assembly);
        return services;
    }

    /// <summary>Console middleware and routes. <c>/api</c> stays bearer-only: the session cookie never authorises it.</summary>
    public static WebApplication MapGatehouseConsole(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/console.css", ConsoleStylesheet.Serve).ExcludeFromDescription();
        app.MapRazorPages();
        return app;
    }
}
