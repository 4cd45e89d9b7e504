using System.Net;
using System.Text.Json;
using Gatehouse.ControlPlane.Api;
using Gatehouse.Core.Validation;

namespace Gatehouse.ControlPlane.Lifecycle;

/// <summary>
/// The writable fields of a notifier (DESIGN.md §12): an HTTPS URL (plain HTTP only to a loopback address), an optional
/// HMAC secret, thresholds in days, an optional event-type filter. Errors never repeat a value (a URL may hold a token).
/// </summary>
internal sealed record NotifierRequest(string Url, string? Secret, bool SecretGiven, IReadOnlyList<int> ThresholdsDays, IReadOnlyList<string>? Events)
{
    public const int MaxThresholds = 16;

    /// <summary>Never prints the secret (a record's generated ToString would).</summary>
    public override string ToString() => $"NotifierRequest {{ Thresholds = {ThresholdsDays.Count} }}";

    public static IReadOnlySet<string> WritableFields { get; } = new HashSet<string> { "url", "secret", "thresholds_days", "events" };

    /// <summary>Reads and checks every field; throws <see cref="DomainError"/> with every problem.</summary>
    public static NotifierRequest From(JsonBody body)
    {
        var errors = new List<ValidationError>();
        var url = body.String("url", errors);
        if (url is null) errors.Add(new("url", "missing_field", "url is required: the webhook's HTTPS URL."));
        else CheckUrl(url, errors);
        var secret = body.String("secret", errors);
        if (secret is { Length: > 0 and < 16 } || secret?.Length > 1024)
            errors.Add(new("secret", "invalid_parameter", "secret must be 16 to 1024 characters (or empty to remove it)."));
        var thresholds = Thresholds(body, errors);
        var events = body.StringArray("events", errors);
        if (events is not null && (events.Count == 0 || events.Any(e => !EventTypes.All.Contains(e)) || events.Distinct().Count() != events.Count))
            errors.Add(new("events", "invalid_parameter", $"events must list distinct event types among: {string.Join(", ", EventTypes.All)}."));
        if (errors.Count > 0) throw DomainError.FromValidation(new ValidationErrors(errors));
        return new NotifierRequest(url!, secret is { Length: 0 } ? null : secret, body.Has("secret"), thresholds!, events);
    }

    private static IReadOnlyList<int>? Thresholds(JsonBody body, List<ValidationError> errors)
    {
        if (!body.Has("thresholds_days") || body.Root.GetProperty("thresholds_days").ValueKind == JsonValueKind.Null)
            return NotifierRecord.DefaultThresholds;
        var value = body.Root.GetProperty("thresholds_days");
        var valid = value.ValueKind == JsonValueKind.Array && value.GetArrayLength() is > 0 and <= MaxThresholds
            && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var d) && d is >= 1 and <= 3650);
        if (!valid)
        {
            errors.Add(new("thresholds_days", "invalid_parameter", $"thresholds_days must be 1 to {MaxThresholds} whole numbers of days from 1 to 3650."));
            return null;
        }
        return [.. value.EnumerateArray().Select(e => e.GetInt32()).Distinct().OrderDescending()];
    }

    private static void CheckUrl(string text, List<ValidationError> errors)
    {
        if (text.Length > 2048 || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            errors.Add(new("url", "invalid_parameter", "url must be an absolute https:// URL without user info or fragment."));
            return;
        }
        if (uri.Scheme == Uri.UriSchemeHttps) return;
        var loopback = uri.IsLoopback || (IPAddress.TryParse(uri.IdnHost, out var ip) && IPAddress.IsLoopback(ip));
        if (uri.Scheme != Uri.UriSchemeHttp || !loopback)
            errors.Add(new("url", "invalid_parameter", "url must use https (plain http is accepted only for a loopback address)."));
    }
}
