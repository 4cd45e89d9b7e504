using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Client;

namespace Gatehouse.Commands.Declarative;

/// <summary>
/// Sends a document to <c>POST /api/v1/apply</c> and follows the streamed progress (one JSON line per committed chunk) on
/// stderr; returns the final response as if it had come in one piece.
/// </summary>
internal static class ApplyRequest
{
    public static async Task<ApiResponse> SendAsync(AdminApi api, JsonObject document, IEnumerable<(string, string?)> query,
        ClientConsole console, CancellationToken cancellationToken)
    {
        var path = Ssl.SslPaths.WithQuery("api/v1/apply", [.. query]);
        var count = (document["ssls"] as JsonArray)?.Count + (document["services"] as JsonArray)?.Count;
        if (!console.Json) console.Error.WriteLine($"sending {count} objects …");
        return await api.SendLinesAsync(HttpMethod.Post, path, document, "application/x-ndjson", line =>
        {
            using var parsed = JsonDocument.Parse(line);
            if (parsed.RootElement.TryGetProperty("progress", out var progress) && !console.Json)
            {
                console.Error.WriteLine($"committed {progress.GetProperty("committed").GetInt32()}/{progress.GetProperty("total").GetInt32()} " +
                    $"changes ({progress.GetProperty("commits").GetInt32()} transaction(s), revision {progress.GetProperty("revision").GetInt64()})");
            }
        }, TimeSpan.FromMinutes(30), cancellationToken);
    }
}
