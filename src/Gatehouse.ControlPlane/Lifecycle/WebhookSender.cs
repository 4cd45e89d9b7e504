using System.Net.Http.Headers;

namespace Gatehouse.ControlPlane.Lifecycle;

/// <summary>
/// POSTs one event to one webhook: no redirects followed, a 10 s deadline, system trust for HTTPS. The outcome never
/// carries the URL or a response body (either may hold a secret).
/// </summary>
internal sealed class WebhookSender : IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        UseCookies = false,
    })
    { Timeout = TimeSpan.FromSeconds(10) };

    public async Task<DeliveryOutcome> SendAsync(NotifierRecord notifier, string? secret, EventRecord record, CancellationToken cancellationToken)
    {
        var body = WebhookPayload.Body(record);
        using var request = new HttpRequestMessage(HttpMethod.Post, notifier.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("X-Gatehouse-Event", record.Type);
        request.Headers.TryAddWithoutValidation("X-Gatehouse-Event-Id", record.Id);
        if (secret is not null) request.Headers.TryAddWithoutValidation(WebhookPayload.SignatureHeader, WebhookPayload.Signature(secret, body));
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            return new DeliveryOutcome(status is >= 200 and < 300, status, status is >= 200 and < 300 ? null : $"the receiver answered {status}");
        }
        catch (HttpRequestException e)
        {
            return new DeliveryOutcome(false, null, $"request failed: {e.HttpRequestError}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryOutcome(false, null, "no answer within 10 s");
        }
    }

    public void Dispose() => _client.Dispose();
}

