using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Gatehouse.Client;

/// <summary>A small HTTP client for the Admin API: bearer token, JSON in and out, no redirects.</summary>
internal sealed class AdminApi : IDisposable
{
    private readonly HttpClient _http;

    public AdminApi(ClientSettings settings)
    {
        // Redirects are not followed: the API never sends one, and a redirect would hide a misconfigured --server.
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(10) };
        // Each request has its own deadline (RequestTimeout, or longer for an apply), so the client's own is off.
        _http = new HttpClient(handler) { BaseAddress = settings.Server, Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", settings.Token);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    /// <summary>Sends one request. <paramref name="path"/> is relative to the server URL, e.g. <c>api/v1/ssls</c>.</summary>
    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, JsonNode? body = null, string? ifMatch = null,
        CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(RequestTimeout);
        using var response = await _http.SendAsync(request, deadline.Token);
        var text = await response.Content.ReadAsStringAsync(deadline.Token);
        return new ApiResponse((int)response.StatusCode, text, response.Headers.ETag?.ToString())
        {
            Headers = response.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value)),
        };
    }

    /// <summary>How long one ordinary request may take.</summary>
    public static TimeSpan RequestTimeout { get; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Sends one request asking for <paramref name="streamType"/> (one JSON object a line): each line but a final
    /// <c>result</c> or <c>error</c> goes to <paramref name="onLine"/>; the final one is returned as the response body (an
    /// error line carries its HTTP status). A response that is not a stream is returned as is.
    /// </summary>
    public async Task<ApiResponse> SendLinesAsync(HttpMethod method, string path, JsonNode body, string streamType, Action<string> onLine,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Clear();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(streamType));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json", 0.5));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        if (response.Content.Headers.ContentType?.MediaType != streamType)
            return new ApiResponse((int)response.StatusCode, await response.Content.ReadAsStringAsync(deadline.Token), null);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(deadline.Token));
        while (await reader.ReadLineAsync(deadline.Token) is { } line)
        {
            if (line.StartsWith("{\"result\":", StringComparison.Ordinal))
                return new ApiResponse(200, System.Text.Json.Nodes.JsonNode.Parse(line)!["result"]!.ToJsonString(), null);
            if (line.StartsWith("{\"status\":", StringComparison.Ordinal))
                return new ApiResponse(System.Text.Json.Nodes.JsonNode.Parse(line)!["status"]!.GetValue<int>(), line, null);
            onLine(line);
        }
        return new ApiResponse(502, "", null);
    }

    public Task<ApiResponse> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, cancellationToken: cancellationToken);

    public void Dispose() => _http.Dispose();
}
