using System.Text.Json;
using Gatehouse.Core.Json;
using Microsoft.AspNetCore.Http;

namespace Gatehouse.Hosting.Errors;

/// <summary>Writes the error shape of DESIGN.md §5: <c>{"error":{"code","message","details":[…]}}</c>.</summary>
public static class ApiErrorWriter
{
    public static Task WriteAsync(HttpContext context, ApiError error)
    {
        context.Response.StatusCode = error.Status;
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            error = new
            {
                code = error.Code,
                message = error.Details[0].Message,
                details = error.Details.Select(d => new { field = d.Field, code = d.Code, message = d.Message }),
            },
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, GatehouseJson.Options));
    }
}
