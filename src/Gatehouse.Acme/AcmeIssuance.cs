namespace Gatehouse.Acme;

/// <summary>
/// One complete order (RFC 8555 §7.4): newOrder → for each authorization, publish the answer and tell the CA → wait
/// until every authorization is valid → finalize with a CSR for a fresh key → wait → download the chain. Answers are
/// withdrawn whatever the outcome.
/// </summary>
public sealed class AcmeIssuance(AcmeClient client, AcmeKey accountKey, IChallengePublisher publisher)
{
    public async Task<IssuedCertificate> IssueAsync(IReadOnlyList<string> domains, string challengeType,
        AcmeKeyType certificateKeyType, string? replaces, CancellationToken cancellationToken)
    {
        var order = await client.NewOrderAsync(domains, replaces, cancellationToken);
        var orderUrl = order.Url ?? throw new AcmeException(new AcmeProblem(null, "The CA created the order but sent no Location header.", null));
        var published = new List<ChallengeAnswer>();
        try
        {
            foreach (var url in order.Authorizations)
                await AuthorizeAsync(url, challengeType, published, cancellationToken);
        }
        finally
        {
            foreach (var answer in published) await publisher.WithdrawAsync(answer, CancellationToken.None);
        }

        order = await client.WaitForOrderAsync(orderUrl, untilReady: true, cancellationToken);
        if (order.Status != "ready") throw Failed("order", order.Status, order.Error);
        var (csr, keyPem) = CertificateOrderKey.Create(domains, certificateKeyType);
        order = await client.FinalizeAsync(order, csr, cancellationToken);
        if (order.Status != "valid") order = await client.WaitForOrderAsync(orderUrl, untilReady: false, cancellationToken);
        if (order.Status != "valid" || order.Certificate is null) throw Failed("order", order.Status, order.Error);
        var chain = await client.DownloadCertificateAsync(order.Certificate, cancellationToken);
        return new IssuedCertificate(chain, keyPem, orderUrl);
    }

    private async Task AuthorizeAsync(Uri url, string challengeType, List<ChallengeAnswer> published, CancellationToken cancellationToken)
    {
        var authorization = await client.GetAuthorizationAsync(url, cancellationToken);
        if (authorization.Status == "valid") return;
        if (authorization.Status != "pending") throw Failed($"authorization of {authorization.Identifier.Value}", authorization.Status, null);
        var challenge = authorization.Challenge(challengeType) ?? throw new AcmeException(new AcmeProblem(null,
            $"The CA offers no {challengeType} challenge for {authorization.Identifier.Value}.", null));
        if (challenge.Token is not { Length: > 0 } token || !IsBase64Url(token))
            throw new AcmeException(new AcmeProblem(null, $"The CA's {challengeType} challenge has no usable token.", null));
        var answer = new ChallengeAnswer(challengeType, authorization.Identifier.Value, token, accountKey.KeyAuthorization(token));
        await publisher.PublishAsync(answer, cancellationToken);
        published.Add(answer);
        await client.AnswerChallengeAsync(challenge.Url, cancellationToken);
        authorization = await client.WaitForAuthorizationAsync(url, cancellationToken);
        if (authorization.Status != "valid")
        {
            var error = authorization.Challenge(challengeType)?.Error;
            throw Failed($"authorization of {authorization.Identifier.Value}", authorization.Status, error);
        }
    }

    private static AcmeException Failed(string what, string status, AcmeProblem? error) =>
        new(error is null
            ? new AcmeProblem(null, $"The {what} ended {status}.", null)
            : error with { Detail = $"The {what} ended {status}: {error.Detail}" });

    /// <summary>Tokens become URL path segments and store keys: only the base64url alphabet (RFC 8555 §8.1) is accepted.</summary>
    private static bool IsBase64Url(string token) =>
        token.Length <= 256 && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
