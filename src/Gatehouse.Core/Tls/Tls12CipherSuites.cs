using System.Net.Security;

namespace Gatehouse.Core.Tls;

/// <summary>
/// The TLS 1.2 cipher suites Gatehouse can offer: Mozilla's "intermediate" profile without its DHE suites —
/// ECDHE key exchange with AES-GCM or ChaCha20-Poly1305 only (no CBC, no static RSA key exchange). Names are
/// IANA's; the order is the server's preference.
/// </summary>
public static class Tls12CipherSuites
{
    /// <summary>Every suite an object may name in <c>tls12_cipher_suites</c>, in the default preference order.</summary>
    public static IReadOnlyList<string> Intermediate { get; } =
    [
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
    ];

    /// <summary>The TLS 1.3 suites, always enabled when TLS 1.3 is (a cipher suite policy covers both versions).</summary>
    public static IReadOnlyList<TlsCipherSuite> Tls13 { get; } =
    [
        TlsCipherSuite.TLS_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256,
    ];

    private static readonly Dictionary<string, TlsCipherSuite> ByName =
        Intermediate.ToDictionary(n => n, Enum.Parse<TlsCipherSuite>, StringComparer.Ordinal);

    /// <summary>True when <paramref name="name"/> is one of <see cref="Intermediate"/> (exact IANA spelling).</summary>
    public static bool IsAllowed(string name) => ByName.ContainsKey(name);

    /// <summary>The suite's value; <paramref name="name"/> must be allowed.</summary>
    public static TlsCipherSuite Suite(string name) => ByName[name];

    /// <summary>True for the suites an ECDSA certificate can serve (<c>TLS_ECDHE_ECDSA_*</c>); the others need RSA.</summary>
    public static bool IsEcdsa(string name) => name.StartsWith("TLS_ECDHE_ECDSA_", StringComparison.Ordinal);
}
