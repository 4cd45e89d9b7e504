using Microsoft.AspNetCore.Http;

namespace Gatehouse.Gateway.Acme;

/// <summary>
/// Answers http-01 (RFC 8555 §8.3) on the plain HTTP listener, before routing: <c>GET
/// /.well-known/acme-challenge/{token}</c> for a pending token gets its key authorization as text. Any other request,
/// including an unknown token, goes on to routing, so a service may still serve that path for other clients.
/// </summary>
internal sealed class AcmeHttpChallengeResponder(AcmeChallengeTable table)
{
    private const string Prefix = "/.well-known/acme-challenge/";

    /// <summary>The response task when this request was a pending challenge, else null.</summary>
    public Task? TryAnswer(HttpContext context)
    {
        var request = context.Request;
        if (request.IsHttps || !HttpMethods.IsGet(request.Method)) return null;
        var path = request.Path.Value;
        if (path is null || !path.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        if (table.HttpAnswer(path[Prefix.Length..]) is not { } answer) return null;
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength = answer.Length;
        return context.Response.WriteAsync(answer, context.RequestAborted);
    }
}
