using System.Text.Json;

namespace Gatehouse.Acme;

/// <summary>An RFC 7807 problem document as ACME returns it (RFC 8555 §6.7).</summary>
public sealed record AcmeProblem(string? Type, string? Detail, int? Status, IReadOnlyList<AcmeProblem>? Subproblems = null)
{
    /// <summary>The <c>badNonce</c> error: the request may be retried with a fresh nonce (§6.5).</summary>
    public const string BadNonce = "urn:ietf:params:acme:error:badNonce";

    public bool IsBadNonce => Type == BadNonce;

    /// <summary>A short human description: the type's last segment and the CA's detail, cut to 300 characters.</summary>
    public override string ToString()
    {
        var type = Type is null ? "error" : Type[(Type.LastIndexOf(':') + 1)..];
        var text = Detail is { Length: > 0 } detail ? $"{type}: {detail}" : type;
        return text.Length > 300 ? text[..300] + "..." : text;
    }

    /// <summary>Reads a problem from a response body; a body that is no problem document gives a generic one.</summary>
    public static AcmeProblem Parse(string body, int httpStatus)
    {
        try
        {
            var problem = JsonSerializer.Deserialize<AcmeProblem>(body, AcmeJson.Options);
            if (problem is not null) return problem;
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's error page): described by its status below.
        }
        return new AcmeProblem(null, $"HTTP {httpStatus} without a problem document", httpStatus);
    }
}
