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
        _http = new HttpClient(handler) { BaseAddress = settings.Server, Timeout = TimeSpan.FromSeconds(60) };
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
        using var response = await _http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return new ApiResponse((int)response.StatusCode, text, response.Headers.ETag?.ToString());
    }

    public Task<ApiResponse> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, cancellationToken: cancellationToken);

    public void Dispose() => _http.Dispose();
}
