using System.Text.RegularExpressions;
using Gatehouse.Core.Validation;
using Gatehouse.Hosting.Errors;
using Microsoft.AspNetCore.Http;

namespace Gatehouse.ControlPlane.Api;

/// <summary>Reads query parameters and <c>If-Match</c>; a malformed value is a 400 <c>invalid_parameter</c> that does not repeat it.</summary>
internal static partial class QueryParameters
{
    public static bool Flag(HttpRequest request, string name) => request.Query[name].ToString() switch
    {
        "" or "false" => false,
        "true" => true,
        _ => throw Invalid(name, $"{name} must be true or false."),
    };

    public static int Limit(HttpRequest request)
    {
        var text = request.Query["limit"].ToString();
        if (text.Length == 0) return 100;
        return int.TryParse(text, out var limit) && limit is >= 1 and <= 1000
            ? limit
            : throw Invalid("limit", "limit must be an integer from 1 to 1000.");
    }

    /// <summary>Parses <c>?expiring_within=30d</c> (<c>^\d+[dhm]$</c>).</summary>
    public static TimeSpan? Duration(HttpRequest request, string name)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0) return null;
        if (!DurationPattern().IsMatch(text) || !int.TryParse(text[..^1], out var amount))
            throw Invalid(name, $"{name} must be a number followed by d, h or m (e.g. 30d).");
        return text[^1] switch { 'd' => TimeSpan.FromDays(amount), 'h' => TimeSpan.FromHours(amount), _ => TimeSpan.FromMinutes(amount) };
    }

    /// <summary>The revision an <c>If-Match</c> header names, null when absent or <c>*</c>.</summary>
    public static long? IfMatch(HttpRequest request)
    {
        var text = request.Headers.IfMatch.ToString().Trim();
        if (text.Length == 0 || text == "*") return null;
        if (text.StartsWith("W/", StringComparison.Ordinal)) text = text[2..];
        return long.TryParse(text.Trim('"'), out var revision) && revision > 0
            ? revision
            : throw Invalid("If-Match", "If-Match must be an ETag this API returned, e.g. \"42\".");
    }

    public static string ETag(long revision) => $"\"{revision}\"";

    public static ApiError Invalid(string field, string message) => new(400, [new ValidationError(field, "invalid_parameter", message)]);

    [GeneratedRegex(@"^\d{1,6}[dhm]$")]
    private static partial Regex DurationPattern();
}
