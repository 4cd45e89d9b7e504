using System.Text.Json;

namespace Gatehouse.Client;

/// <summary>What the Admin API answered: status, body text as received, and the <c>ETag</c> if any.</summary>
internal sealed record ApiResponse(int Status, string Body, string? ETag)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>Response headers the commands read (by lower-case name).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public string? Header(string name) => Headers.GetValueOrDefault(name.ToLowerInvariant());

    /// <summary>The body as JSON, or null when it is empty or not JSON.</summary>
    public JsonElement? Json()
    {
        if (string.IsNullOrWhiteSpace(Body)) return null;
        try
        {
            return JsonDocument.Parse(Body).RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
