namespace Gatehouse.Acme;

/// <summary>A challenge object (RFC 8555 §8).</summary>
public sealed record AcmeChallenge(string Type, Uri Url, string Status, string? Token = null, AcmeProblem? Error = null)
{
    public const string Http01 = "http-01";

    public const string TlsAlpn01 = "tls-alpn-01";
}
