using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Gatehouse.ControlPlane.Console.Security;

/// <summary>
/// After every console handler, clears any bound text property that holds private key material, so a key
/// pasted or uploaded into the wrong field (certificate, CA, hosts…) is never rendered back into the page
/// (DESIGN.md §2). The key field itself is never rendered at all.
/// </summary>
internal sealed class KeyMaterialScrubFilter : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
        var model = context.HandlerInstance;
        foreach (var property in model.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.PropertyType != typeof(string) || !property.CanWrite || property.GetCustomAttribute<BindPropertyAttribute>() is null) continue;
            if (property.GetValue(model) is string text && HoldsKey(text)) property.SetValue(model, null);
        }
    }

    public static bool HoldsKey(string text) => text.Contains("PRIVATE KEY", StringComparison.OrdinalIgnoreCase);
}
