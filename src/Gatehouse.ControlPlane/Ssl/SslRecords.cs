using Gatehouse.Core.Secrets;
using Gatehouse.Core.Ssl;
using Gatehouse.Core.Tls;
using Gatehouse.Storage;

namespace Gatehouse.ControlPlane.Ssl;

/// <summary>Turns a validated SSL object request into the record to store, its keys encrypted (DESIGN.md §6).</summary>
internal static class SslRecords
{
    public static SslObjectRecord Build(Keyring keyring, string id, SslObjectType type, SslObjectRequest request, ValidatedSslObject validated,
        DateTimeOffset createdAt, DateTimeOffset updatedAt) =>
        new(id, type.ToWire(), validated.CertificatePem, validated.CaCertificatePem,
            keyring.Encrypt(validated.PrivateKeyPkcs8Pem, StoreKeys.Ssl(id)), request.Labels, request.Fallback,
            createdAt, updatedAt, validated.CrlPem, validated.Revocation.Strict,
            validated.AltCertificatePem,
            validated.AltPrivateKeyPkcs8Pem is { } altKey ? keyring.Encrypt(altKey, SslObjectRecord.AltKeyContext(StoreKeys.Ssl(id))) : null,
            // Defaults are stored as absent, so a GET-merge-PUT never freezes today's default into a record.
            type == SslObjectType.Server && validated.Policy.MinTlsVersion != TlsVersions.Tls12 ? validated.Policy.MinTlsVersion : null,
            validated.Policy.HasDefaultSuites ? null : validated.Policy.Tls12CipherSuites,
            request.Name);

    /// <summary>The writable fields in which <paramref name="after"/> differs from <paramref name="before"/> (keys are judged by their certificates).</summary>
    public static IReadOnlyList<string> ChangedFields(SslObjectRecord before, SslObjectRecord after)
    {
        var fields = new List<string>();
        void Check(string field, bool same)
        {
            if (!same) fields.Add(field);
        }
        Check("name", before.Name == after.Name);
        Check("certificate", before.Certificate == after.Certificate);
        Check("ca_certificate", before.CaCertificate == after.CaCertificate);
        Check("labels", before.Labels.SequenceEqual(after.Labels));
        Check("fallback", before.Fallback == after.Fallback);
        Check("crl", before.Crl == after.Crl);
        Check("crl_strict", before.CrlStrict == after.CrlStrict);
        Check("alt_certificate", before.AltCertificate == after.AltCertificate);
        Check("min_tls_version", before.MinTlsVersion == after.MinTlsVersion);
        Check("tls12_cipher_suites", (before.Tls12CipherSuites ?? []).SequenceEqual(after.Tls12CipherSuites ?? []));
        return fields;
    }
}
