using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gatehouse.Acme;

/// <summary>
/// A small RFC 8555 client over one <see cref="HttpClient"/>: every request but the directory, nonces and
/// renewalInfo is a JWS-signed POST (POST-as-GET for reads, §6.3). Nonces come from each response's
/// <c>Replay-Nonce</c> and, when none is left, from newNonce; a <c>badNonce</c> refusal is retried with a fresh one.
/// Not thread-safe: one client serves one order at a time.
/// </summary>
public sealed partial class AcmeClient(HttpClient http, Uri directoryUrl, AcmeKey key, TimeProvider time, AcmeClientOptions? options = null)
{
    private static readonly MediaTypeHeaderValue JoseJson = new("application/jose+json");
    private readonly AcmeClientOptions _options = options ?? new AcmeClientOptions();
    private readonly Queue<string> _nonces = new();
    private AcmeDirectory? _directory;

    /// <summary>The account URL (the JWS <c>kid</c>); set by <see cref="NewAccountAsync"/> or by the caller from storage.</summary>
    public string? AccountUrl { get; set; }

    public async Task<AcmeDirectory> DirectoryAsync(CancellationToken cancellationToken)
    {
        if (_directory is not null) return _directory;
        using var response = await http.GetAsync(directoryUrl, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode) throw new AcmeException(AcmeProblem.Parse(body, (int)response.StatusCode));
        _directory = Deserialize<AcmeDirectory>(body, "directory");
        return _directory;
    }

    /// <summary>
    /// Creates the account, or finds the one this key already has (a CA answers 200 with its URL, §7.3.1).
    /// <paramref name="eab"/>: the CA's key id and MAC key when it requires an external account binding.
    /// </summary>
    public async Task<string> NewAccountAsync(IReadOnlyList<string> contact, (string KeyId, byte[] MacKey)? eab,
        CancellationToken cancellationToken)
    {
        var directory = await DirectoryAsync(cancellationToken);
        var payload = new JsonObject
        {
            ["termsOfServiceAgreed"] = true,
            ["contact"] = new JsonArray([.. contact.Select(c => JsonValue.Create(c))]),
        };
        if (eab is { } binding)
            payload["externalAccountBinding"] = JsonNode.Parse(JwsWriter.ExternalAccountBinding(key, directory.NewAccount, binding.KeyId, binding.MacKey));
        var response = await PostAsync(directory.NewAccount, payload.ToJsonString(), useJwk: true, cancellationToken);
        AccountUrl = response.Location?.AbsoluteUri
            ?? throw new AcmeException(new AcmeProblem(null, "The CA created the account but sent no Location header.", response.Status));
        return AccountUrl;
    }

    /// <summary>Orders a certificate for <paramref name="domains"/>; <paramref name="replaces"/> is the ARI certID it renews (RFC 9773 §5).</summary>
    public async Task<AcmeOrder> NewOrderAsync(IReadOnlyList<string> domains, string? replaces, CancellationToken cancellationToken)
    {
        var directory = await DirectoryAsync(cancellationToken);
        var payload = new JsonObject
        {
            ["identifiers"] = new JsonArray([.. domains.Select(d => new JsonObject { ["type"] = "dns", ["value"] = d })]),
        };
        if (replaces is not null) payload["replaces"] = replaces;
        var response = await PostAsync(directory.NewOrder, payload.ToJsonString(), useJwk: false, cancellationToken);
        return Deserialize<AcmeOrder>(response.Body, "order") with { Url = response.Location };
    }

    public async Task<AcmeOrder> GetOrderAsync(Uri url, CancellationToken cancellationToken) =>
        Deserialize<AcmeOrder>((await PostAsync(url, null, useJwk: false, cancellationToken)).Body, "order") with { Url = url };

    public async Task<AcmeAuthorization> GetAuthorizationAsync(Uri url, CancellationToken cancellationToken) =>
        Deserialize<AcmeAuthorization>((await PostAsync(url, null, useJwk: false, cancellationToken)).Body, "authorization");

    /// <summary>Tells the CA the challenge is ready to be validated (an empty JSON object, §7.5.1).</summary>
    public async Task<AcmeChallenge> AnswerChallengeAsync(Uri url, CancellationToken cancellationToken) =>
        Deserialize<AcmeChallenge>((await PostAsync(url, "{}", useJwk: false, cancellationToken)).Body, "challenge");

    /// <summary>Polls an authorization until it is no longer <c>pending</c>, honouring <c>Retry-After</c>.</summary>
    public Task<AcmeAuthorization> WaitForAuthorizationAsync(Uri url, CancellationToken cancellationToken) =>
        PollAsync(url, body => Deserialize<AcmeAuthorization>(body, "authorization"), a => a.Status is not "pending", cancellationToken);

    /// <summary>Polls an order until it is <c>valid</c> or <c>invalid</c> (or ready, when <paramref name="untilReady"/>).</summary>
    public Task<AcmeOrder> WaitForOrderAsync(Uri url, bool untilReady, CancellationToken cancellationToken) =>
        PollAsync(url, body => Deserialize<AcmeOrder>(body, "order") with { Url = url },
            o => o.Status is "valid" or "invalid" || (untilReady && o.Status == "ready"), cancellationToken);

    /// <summary>Sends the CSR (DER) to the order's finalize URL (§7.4).</summary>
    public async Task<AcmeOrder> FinalizeAsync(AcmeOrder order, byte[] csrDer, CancellationToken cancellationToken)
    {
        var payload = new JsonObject { ["csr"] = System.Buffers.Text.Base64Url.EncodeToString(csrDer) };
        var response = await PostAsync(order.Finalize, payload.ToJsonString(), useJwk: false, cancellationToken);
        return Deserialize<AcmeOrder>(response.Body, "order") with { Url = order.Url };
    }

    /// <summary>Downloads the issued chain as PEM, leaf first (§7.4.2).</summary>
    public async Task<string> DownloadCertificateAsync(Uri url, CancellationToken cancellationToken) =>
        (await PostAsync(url, null, useJwk: false, cancellationToken, accept: "application/pem-certificate-chain")).Body;

    private async Task<T> PollAsync<T>(Uri url, Func<string, T> read, Func<T, bool> done, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + _options.OrderTimeout;
        while (true)
        {
            var response = await PostAsync(url, null, useJwk: false, cancellationToken);
            var value = read(response.Body);
            if (done(value)) return value;
            if (time.GetUtcNow() >= deadline)
                throw new AcmeException(new AcmeProblem(null, $"Still not done after {_options.OrderTimeout.TotalSeconds:0} s; giving up this attempt.", null));
            var wait = response.RetryAfter ?? _options.PollInterval;
            await Task.Delay(wait > _options.MaxPollInterval ? _options.MaxPollInterval : wait, time, cancellationToken);
        }
    }

    private async Task<AcmeResponse> PostAsync(Uri url, string? payloadJson, bool useJwk, CancellationToken cancellationToken,
        string accept = "application/json")
    {
        if (!useJwk && AccountUrl is null) throw new InvalidOperationException("No ACME account: call NewAccountAsync first.");
        for (var attempt = 0; ; attempt++)
        {
            var nonce = await NextNonceAsync(cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new StringContent(JwsWriter.Sign(key, url, nonce, payloadJson, useJwk ? null : AccountUrl), Encoding.UTF8),
            };
            request.Content.Headers.ContentType = JoseJson;
            request.Headers.Accept.ParseAdd(accept);
            using var response = await http.SendAsync(request, cancellationToken);
            KeepNonce(response);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var retryAfter = RetryAfter.Read(response.Headers.RetryAfter, time.GetUtcNow());
            if (response.IsSuccessStatusCode) return new AcmeResponse((int)response.StatusCode, body, Location(response, url), retryAfter);
            var problem = AcmeProblem.Parse(body, (int)response.StatusCode);
            if (problem.IsBadNonce && attempt < _options.BadNonceRetries) continue;
            throw new AcmeException(problem, retryAfter);
        }
    }

    private async Task<string> NextNonceAsync(CancellationToken cancellationToken)
    {
        if (_nonces.TryDequeue(out var nonce)) return nonce;
        var directory = await DirectoryAsync(cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Head, directory.NewNonce);
        using var response = await http.SendAsync(request, cancellationToken);
        KeepNonce(response);
        return _nonces.TryDequeue(out nonce)
            ? nonce
            : throw new AcmeException(new AcmeProblem(null, "The CA's newNonce answered without a Replay-Nonce header.", (int)response.StatusCode));
    }

    private void KeepNonce(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("Replay-Nonce", out var values))
            foreach (var value in values.Take(1)) _nonces.Enqueue(value);
    }

    private static Uri? Location(HttpResponseMessage response, Uri requestUrl) =>
        response.Headers.Location is { } location ? new Uri(requestUrl, location) : null;

    private static T Deserialize<T>(string body, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, AcmeJson.Options)
                ?? throw new AcmeException(new AcmeProblem(null, $"The CA sent an empty {what}.", null));
        }
        catch (JsonException)
        {
            throw new AcmeException(new AcmeProblem(null, $"The CA sent a {what} that is not valid JSON of the expected shape.", null));
        }
    }
}
