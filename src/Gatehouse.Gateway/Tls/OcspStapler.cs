using System.Net.Security;
using System.Reflection;

namespace Gatehouse.Gateway.Tls;

/// <summary>
/// Puts a verified OCSP response into a certificate context so every handshake staples it (DESIGN.md §12).
/// .NET has no public API for a staple the application fetched itself: on Linux, <see cref="SslStreamCertificateContext"/>
/// staples its private <c>_ocspResponse</c> in every handshake (Interop.OpenSsl.AllocateSslHandle), and with
/// <c>offline: true</c> it never fetches one. This sets those fields, with the expiry and the next download at
/// <see cref="DateTimeOffset.MaxValue"/> so .NET never contacts a responder itself; Gatehouse replaces or removes the
/// staple when its own refresh says so. If the fields are not there (another runtime), nothing is stapled.
/// </summary>
public static class OcspStapler
{
    private const BindingFlags Private = BindingFlags.Instance | BindingFlags.NonPublic;
    private static readonly FieldInfo? Response = typeof(SslStreamCertificateContext).GetField("_ocspResponse", Private);
    private static readonly FieldInfo? Expiration = typeof(SslStreamCertificateContext).GetField("_ocspExpiration", Private);
    private static readonly FieldInfo? NextDownload = typeof(SslStreamCertificateContext).GetField("_nextDownload", Private);
    private static readonly FieldInfo? Forbidden = typeof(SslStreamCertificateContext).GetField("_staplingForbidden", Private);

    /// <summary>True when this runtime lets Gatehouse staple.</summary>
    public static bool Supported { get; } = Response?.FieldType == typeof(byte[]) && Expiration?.FieldType == typeof(DateTimeOffset)
        && NextDownload?.FieldType == typeof(DateTimeOffset) && Forbidden?.FieldType == typeof(bool);

    /// <summary>Staples <paramref name="response"/> (DER) from now on, or stops stapling when it is null.</summary>
    public static bool Apply(SslStreamCertificateContext context, byte[]? response)
    {
        if (!Supported) return false;
        // Expiry and next download first, so a handshake in between never sees a response with a lapsed expiry
        // (which would make .NET try a download of its own).
        Expiration!.SetValue(context, DateTimeOffset.MaxValue);
        NextDownload!.SetValue(context, DateTimeOffset.MaxValue);
        Response!.SetValue(context, response);
        Forbidden!.SetValue(context, response is null);
        return true;
    }
}
