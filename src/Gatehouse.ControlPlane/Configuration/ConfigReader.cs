using Gatehouse.Storage;

using Gatehouse.Core.Ssl;

namespace Gatehouse.ControlPlane.Configuration;

/// <summary>Reads the whole configuration in one listing into a <see cref="ConfigState"/>.</summary>
public sealed class ConfigReader(IConfigStore store, ConfigCodec codec)
{
    public async Task<ConfigState> ReadAsync(CancellationToken cancellationToken)
    {
        var listing = await store.ListAsync(StoreKeys.Root, cancellationToken);
        var ssls = new Dictionary<string, Core.Ssl.SslObjectModel>(StringComparer.Ordinal);
        var services = new Dictionary<string, Core.Services.ServiceModel>(StringComparer.Ordinal);
        var bad = new Dictionary<string, long>(StringComparer.Ordinal);
        var ocsp = new Dictionary<string, OcspEntry>(StringComparer.Ordinal);
        long fence = 0;
        foreach (var item in listing.Items)
        {
            if (item.Key == StoreKeys.WriteFence) fence = item.ModRevision;
            else if (item.Key.StartsWith(StoreKeys.Ssls, StringComparison.Ordinal))
            {
                if (codec.TryDecode(item) is { } model) ssls[model.Id] = model;
                else bad[item.Key] = item.ModRevision;
            }
            else if (item.Key.StartsWith(StoreKeys.OcspRecords, StringComparison.Ordinal))
            {
                if (Core.Revocation.OcspRecord.TryDecode(item.Value) is { } record && StoreKeys.Ocsp(record.SslId) == item.Key)
                    ocsp[record.SslId] = new OcspEntry(record, item.ModRevision);
            }
            else if (item.Key.StartsWith(StoreKeys.Services, StringComparison.Ordinal))
            {
                if (ConfigCodec.TryDecodeService(item) is { } service) services[service.Id] = service;
                else bad[item.Key] = item.ModRevision;
            }
        }
        codec.Retain(listing.Items.Select(i => i.Key).ToHashSet(StringComparer.Ordinal));
        return new ConfigState(ssls, services, bad, fence, listing.Revision) { Ocsp = ocsp };
    }
}
