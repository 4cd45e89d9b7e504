using System.Net.Security;
using System.Runtime.CompilerServices;

namespace Gatehouse.Gateway.Tls;

/// <summary>
/// Puts an OCSP response that a control plane fetched and verified into a certificate context, so every handshake that
/// presents the context staples it (DESIGN.md §12).
/// </summary>
/// <remarks>
/// .NET 10 has no public API for a staple the application supplies. Its own stapling (Linux,
/// <c>SslStreamCertificateContext.Create(…, offline: false)</c>) fetches from the URL in the certificate, from every
/// gateway, which DESIGN.md §3 forbids; with <c>offline: true</c> it never staples. On Linux the handshake code
/// (Interop.OpenSsl) installs OpenSSL's status callback when <c>_ocspUrls</c> is non-null and staples what
/// <c>GetOcspResponseNoWaiting</c> returns: <c>_ocspResponse</c> while now ≤ <c>_ocspExpiration</c> and
/// now ≤ <c>_nextDownload</c>. These fields are set through <see cref="UnsafeAccessorAttribute"/> (no reflection): an
/// empty URL list (so .NET can never download anything), the response's <c>nextUpdate</c> as its expiration (after it
/// .NET stops stapling on its own), and no next download. If a later runtime renames a field, the first use throws
/// <see cref="MissingFieldException"/>, <see cref="Supported"/> turns false and nothing is stapled: handshakes never fail.
/// </remarks>
internal static class OcspStapler
{
    private static readonly Lazy<bool> Probe = new(ProbeFields);

    /// <summary>True when this runtime lets Gatehouse staple (checked once).</summary>
    public static bool Supported => Probe.Value;

    /// <summary>
    /// Staples <paramref name="response"/> (DER) until <paramref name="expiresAt"/>, or stops stapling when it is null.
    /// Safe while handshakes use the context: each field is written whole, the response before the switch that enables it.
    /// </summary>
    /// <returns>False when the runtime does not allow stapling.</returns>
    public static bool Apply(SslStreamCertificateContext context, byte[]? response, DateTimeOffset expiresAt)
    {
        if (OperatingSystem.IsWindows() || !Supported) return false;
        if (response is null)
        {
            Forbidden(context) = true;
            Response(context) = null;
            return true;
        }
        NextDownload(context) = DateTimeOffset.MaxValue;
        Urls(context) ??= [];
        Response(context) = response;
        Expiration(context) = expiresAt;
        Forbidden(context) = false;
        return true;
    }

    private static bool ProbeFields()
    {
        if (OperatingSystem.IsWindows()) return false;
        try
        {
            // Reading each field once resolves every accessor; a missing one throws here, not during a handshake.
            using var key = System.Security.Cryptography.ECDsa.Create();
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=probe", key,
                System.Security.Cryptography.HashAlgorithmName.SHA256);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
            var context = SslStreamCertificateContext.Create(certificate, null, offline: true);
            _ = Response(context);
            _ = Expiration(context);
            _ = NextDownload(context);
            _ = Urls(context);
            _ = Forbidden(context);
            return true;
        }
        catch (MissingFieldException)
        {
            return false;
        }
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_ocspResponse")]
    private static extern ref byte[]? Response(SslStreamCertificateContext context);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_ocspExpiration")]
    private static extern ref DateTimeOffset Expiration(SslStreamCertificateContext context);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_nextDownload")]
    private static extern ref DateTimeOffset NextDownload(SslStreamCertificateContext context);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_ocspUrls")]
    private static extern ref List<string>? Urls(SslStreamCertificateContext context);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_staplingForbidden")]
    private static extern ref bool Forbidden(SslStreamCertificateContext context);
}
