using Gatehouse.Core.Ssl;
using Gatehouse.Core.Validation;

namespace Gatehouse.Core.Tls;

/// <summary>
/// Checks <c>min_tls_version</c> and <c>tls12_cipher_suites</c> (DESIGN.md §2, issue 17). Messages name the allowed
/// values, never the submitted ones.
/// </summary>
internal static class TlsPolicyValidator
{
    /// <summary>The policy the fields describe, or null after adding every problem to <paramref name="errors"/>.</summary>
    public static TlsPolicy? Validate(string? minTlsVersion, IReadOnlyList<string>? tls12CipherSuites, SslObjectType type,
        List<ValidationError> errors)
    {
        var count = errors.Count;
        // A client object may echo the defaults (what a server object's response shows) but set nothing else.
        if (type != SslObjectType.Server && minTlsVersion is not null and not TlsVersions.Tls12)
            errors.Add(new("min_tls_version", "invalid_parameter", "min_tls_version applies to server objects only (it sets what clients of the gateway may negotiate)."));
        else if (minTlsVersion is not null && !TlsVersions.IsAllowed(minTlsVersion))
            errors.Add(new("min_tls_version", "invalid_parameter", "min_tls_version must be \"1.2\" (TLS 1.2 and 1.3) or \"1.3\" (TLS 1.3 only)."));

        if (type != SslObjectType.Server && tls12CipherSuites is not null
            && !tls12CipherSuites.SequenceEqual(Tls12CipherSuites.Intermediate, StringComparer.Ordinal))
            errors.Add(new("tls12_cipher_suites", "invalid_parameter", "tls12_cipher_suites applies to server objects only."));
        else if (tls12CipherSuites is not null)
            CheckSuites(tls12CipherSuites, errors);

        return errors.Count > count ? null : TlsPolicy.From(minTlsVersion, tls12CipherSuites);
    }

    private static void CheckSuites(IReadOnlyList<string> suites, List<ValidationError> errors)
    {
        if (suites.Count == 0)
        {
            errors.Add(new("tls12_cipher_suites", "invalid_parameter",
                "tls12_cipher_suites must name at least one suite; omit the field for the default list, or set min_tls_version to \"1.3\" to turn TLS 1.2 off."));
            return;
        }
        for (var i = 0; i < suites.Count; i++)
        {
            if (!Tls12CipherSuites.IsAllowed(suites[i]))
            {
                errors.Add(new("tls12_cipher_suites", "invalid_parameter",
                    $"tls12_cipher_suites entry #{i + 1} is not an allowed suite. Allowed (IANA names, Mozilla intermediate: ECDHE with AES-GCM or ChaCha20-Poly1305): {string.Join(", ", Tls12CipherSuites.Intermediate)}."));
            }
        }
        if (suites.Distinct(StringComparer.Ordinal).Count() != suites.Count)
            errors.Add(new("tls12_cipher_suites", "invalid_parameter", "tls12_cipher_suites names a suite more than once."));
    }
}
