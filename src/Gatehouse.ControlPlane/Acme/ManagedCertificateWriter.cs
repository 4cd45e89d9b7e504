using Gatehouse.ControlPlane.Configuration;
using Gatehouse.Configuration;
using Gatehouse.Core.Secrets;
using Gatehouse.Core.Ssl;
using Gatehouse.Core.Validation;
using Gatehouse.Storage;

namespace Gatehouse.ControlPlane.Acme;

/// <summary>
/// Stores an issued chain and its key as a new revision of the managed object's SSL record (served by hot reload),
/// through the same validation as an upload and the same fenced write as every admin write.
/// </summary>
internal sealed class ManagedCertificateWriter(FencedWriter writer, Keyring keyring, TimeProvider time)
{
    /// <summary>Validates and writes; returns what the new certificate says. Throws <see cref="ValidationErrors"/> when the CA's chain is unusable.</summary>
    public async Task<CertificateFacts> WriteAsync(ManagedRecord managed, string chainPem, string keyPem, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var validated = SslObjectValidator.Validate(
            new SslObjectInput(chainPem, keyPem, null, SslObjectType.Server, managed.Labels, false), now);
        var key = StoreKeys.Ssl(managed.Id);
        await writer.WriteAsync(state =>
        {
            var createdAt = state.Ssls.TryGetValue(managed.Id, out var existing) ? existing.Record.CreatedAt : managed.CreatedAt;
            var record = new SslObjectRecord(managed.Id, SslObjectType.Server.ToWire(), validated.CertificatePem, null,
                keyring.Encrypt(validated.PrivateKeyPkcs8Pem, key), managed.Labels, false, createdAt, now);
            // The names are the ones the operator asked for: no guard can trip for a managed object, which has no CA set.
            return new WritePlan([], [new StoreMutation.Put(key, ConfigCodec.Encode(record))]);
        }, cancellationToken);
        return validated.Facts;
    }
}
