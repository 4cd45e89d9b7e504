using System.Net.Security;
using System.Security.Authentication;

namespace Gatehouse.Core.Tls;

/// <summary>
/// The TLS policy of one server SSL object: the lowest version it accepts and, for TLS 1.2, the cipher suites it
/// offers (in preference order). Applied only in the handshakes that select that object.
/// </summary>
/// <param name="MinTlsVersion"><c>"1.2"</c> or <c>"1.3"</c>.</param>
/// <param name="Tls12CipherSuites">IANA names, a subset of <see cref="Tls12CipherSuites.Intermediate"/>.</param>
public sealed record TlsPolicy(string MinTlsVersion, IReadOnlyList<string> Tls12CipherSuites)
{
    /// <summary>Mozilla's intermediate profile: TLS 1.2 and 1.3, TLS 1.2 only with ECDHE and AEAD suites.</summary>
    public static TlsPolicy Default { get; } = new(TlsVersions.Tls12, Tls.Tls12CipherSuites.Intermediate);

    /// <summary>The policy a stored record names; absent fields take the default.</summary>
    public static TlsPolicy From(string? minTlsVersion, IReadOnlyList<string>? tls12CipherSuites) =>
        minTlsVersion is null or TlsVersions.Tls12 && tls12CipherSuites is null
            ? Default
            : new(minTlsVersion ?? TlsVersions.Tls12, tls12CipherSuites ?? Tls.Tls12CipherSuites.Intermediate);

    /// <summary>The wire code points of this object's <c>TLS_ECDHE_ECDSA_*</c> suites (what an ECDSA certificate can serve in TLS 1.2).</summary>
    public IReadOnlySet<ushort> Tls12EcdsaCodePoints { get; } = Tls12CipherSuites
        .Where(Tls.Tls12CipherSuites.IsEcdsa).Select(n => (ushort)Tls.Tls12CipherSuites.Suite(n)).ToHashSet();

    /// <summary>True when the TLS 1.2 list is the default one (stored as absent).</summary>
    public bool HasDefaultSuites => Tls12CipherSuites.SequenceEqual(Tls.Tls12CipherSuites.Intermediate, StringComparer.Ordinal);

    public SslProtocols Protocols => TlsVersions.Protocols(MinTlsVersion);

    /// <summary>
    /// The suites to hand to <see cref="CipherSuitesPolicy"/>: on OpenSSL one policy sets both the TLS 1.3 suites and
    /// the TLS 1.2 list, so the TLS 1.3 suites come first and the object's TLS 1.2 list follows in its order.
    /// </summary>
    public IReadOnlyList<TlsCipherSuite> CipherSuites =>
    [
        .. Tls.Tls12CipherSuites.Tls13,
        .. MinTlsVersion == TlsVersions.Tls13 ? [] : Tls12CipherSuites.Select(Tls.Tls12CipherSuites.Suite),
    ];

    /// <inheritdoc />
    public override string ToString() => $"TlsPolicy {{ MinTlsVersion = {MinTlsVersion}, Tls12CipherSuites = [{string.Join(", ", Tls12CipherSuites)}] }}";
}
