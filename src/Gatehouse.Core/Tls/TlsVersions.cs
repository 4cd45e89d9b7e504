using System.Security.Authentication;

namespace Gatehouse.Core.Tls;

/// <summary>The values of <c>min_tls_version</c>: <c>"1.2"</c> (default: TLS 1.2 and 1.3) or <c>"1.3"</c> (TLS 1.3 only).</summary>
public static class TlsVersions
{
    public const string Tls12 = "1.2";
    public const string Tls13 = "1.3";

    public static bool IsAllowed(string? value) => value is Tls12 or Tls13;

    /// <summary>The protocols a handshake may negotiate from <paramref name="minimum"/> up.</summary>
    public static SslProtocols Protocols(string minimum) =>
        minimum == Tls13 ? SslProtocols.Tls13 : SslProtocols.Tls12 | SslProtocols.Tls13;
}
