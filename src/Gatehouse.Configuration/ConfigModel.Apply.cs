using System.Collections.Immutable;
using Gatehouse.Core.Services;
using Gatehouse.Core.Sni;
using Gatehouse.Core.Ssl;
using Gatehouse.Storage;

namespace Gatehouse.Configuration;

public sealed partial class ConfigModel
{
    private ConfigModel(long revision, long fenceRevision, ImmutableDictionary<string, SslObjectModel> ssls,
        ImmutableDictionary<string, ServiceModel> services, ImmutableDictionary<string, long> badItems, SniIndex sni,
        ImmutableSortedSet<string>[] sslIdsByType, ImmutableSortedSet<string> serviceIds,
        ImmutableDictionary<string, ImmutableSortedSet<string>> servicesByHost,
        ImmutableDictionary<string, ImmutableSortedSet<string>> servicesByParent,
        ImmutableDictionary<string, ImmutableSortedSet<string>> servicesByClient, ExpiryIndex expiry,
        ImmutableDictionary<string, ImmutableSortedSet<string>> sslsByName, ImmutableDictionary<string, ImmutableSortedSet<string>> servicesByName,
        ImmutableDictionary<string, OcspEntry> ocsp)
    {
        Ocsp = ocsp;
        Revision = revision;
        FenceRevision = fenceRevision;
        Ssls = ssls;
        Services = services;
        BadItems = badItems;
        Sni = sni;
        _sslIdsByType = sslIdsByType;
        _serviceIds = serviceIds;
        _servicesByHost = servicesByHost;
        _servicesByParent = servicesByParent;
        _servicesByClient = servicesByClient;
        _expiry = expiry;
        _sslsByName = sslsByName;
        _servicesByName = servicesByName;
    }

    // Declared before Empty in the same file: across the files of a partial class, initialiser order is not defined.
    private static readonly ImmutableSortedSet<string> NoIds = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

    /// <summary>No configuration, at revision 0.</summary>
    public static ConfigModel Empty { get; } = new(0, 0,
        ImmutableDictionary.Create<string, SslObjectModel>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, ServiceModel>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, long>(StringComparer.Ordinal), SniIndex.Empty, [NoIds, NoIds], NoIds,
        ImmutableDictionary.Create<string, ImmutableSortedSet<string>>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, ImmutableSortedSet<string>>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, ImmutableSortedSet<string>>(StringComparer.Ordinal), ExpiryIndex.Empty,
        ImmutableDictionary.Create<string, ImmutableSortedSet<string>>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, ImmutableSortedSet<string>>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, OcspEntry>(StringComparer.Ordinal));

    /// <summary>
    /// Folds watch events into a new model. Only the keys they name are decoded and only their index entries change;
    /// a bad value keeps that key's last good model and is listed in <see cref="BadItems"/>.
    /// </summary>
    public ConfigModel Apply(IReadOnlyList<WatchEvent> changes, ConfigCodec codec, out ConfigDelta delta)
    {
        var builder = new Builder(this);
        foreach (var change in changes)
        {
            switch (change)
            {
                case WatchEvent.Put put:
                    builder.Put(put.Item, codec);
                    break;
                case WatchEvent.Deleted deleted:
                    builder.Delete(deleted.Key, deleted.Revision);
                    break;
            }
        }
        delta = builder.Delta(reset: false);
        return builder.ToModel();
    }

    /// <summary>Mutable builders over one model's structures, for one batch of changes.</summary>
    private sealed class Builder(ConfigModel from)
    {
        private readonly ImmutableDictionary<string, SslObjectModel>.Builder _ssls = from.Ssls.ToBuilder();
        private readonly ImmutableDictionary<string, ServiceModel>.Builder _services = from.Services.ToBuilder();
        private readonly ImmutableDictionary<string, long>.Builder _bad = from.BadItems.ToBuilder();
        private readonly SniIndex.Builder _sni = new(from.Sni);
        private readonly ImmutableSortedSet<string>.Builder[] _sslIds = [from._sslIdsByType[0].ToBuilder(), from._sslIdsByType[1].ToBuilder()];
        private readonly ImmutableSortedSet<string>.Builder _serviceIds = from._serviceIds.ToBuilder();
        private readonly ImmutableDictionary<string, ImmutableSortedSet<string>>.Builder _byHost = from._servicesByHost.ToBuilder();
        private readonly ImmutableDictionary<string, ImmutableSortedSet<string>>.Builder _byParent = from._servicesByParent.ToBuilder();
        private readonly ImmutableDictionary<string, ImmutableSortedSet<string>>.Builder _byClient = from._servicesByClient.ToBuilder();
        private readonly ImmutableDictionary<string, ImmutableSortedSet<string>>.Builder _sslNames = from._sslsByName.ToBuilder();
        private readonly ImmutableDictionary<string, ImmutableSortedSet<string>>.Builder _serviceNames = from._servicesByName.ToBuilder();
        private readonly HashSet<string> _changedSsls = new(StringComparer.Ordinal);
        private readonly HashSet<string> _changedServices = new(StringComparer.Ordinal);
        private readonly HashSet<string> _changedOcsp = new(StringComparer.Ordinal);
        private readonly ImmutableDictionary<string, OcspEntry>.Builder _ocsp = from.Ocsp.ToBuilder();
        private readonly ExpiryIndex.Builder _expiry = from._expiry.ToBuilder();
        private long _fence = from.FenceRevision;

        public long Revision { get; set; } = from.Revision;

        public void Put(StoreItem item, ConfigCodec codec)
        {
            Revision = Math.Max(Revision, item.ModRevision);
            if (item.Key == StoreKeys.WriteFence) _fence = item.ModRevision;
            else if (item.Key.StartsWith(StoreKeys.Ssls, StringComparison.Ordinal)) PutSsl(item, codec.LoadSsl(item));
            else if (item.Key.StartsWith(StoreKeys.Services, StringComparison.Ordinal)) PutService(item, codec.LoadService(item));
            else if (item.Key.StartsWith(StoreKeys.OcspRecords, StringComparison.Ordinal)) PutOcsp(item);
        }

        public void PutSsl(StoreItem item, SslObjectModel? model)
        {
            Revision = Math.Max(Revision, item.ModRevision);
            var id = item.Key[StoreKeys.Ssls.Length..];
            _changedSsls.Add(id);
            if (model is null)
            {
                _bad[item.Key] = item.ModRevision;
                return;
            }
            _bad.Remove(item.Key);
            var old = _ssls.GetValueOrDefault(id);
            ReplaceSsl(old, model);
        }

        public void Delete(string key, long revision)
        {
            Revision = Math.Max(Revision, revision);
            _bad.Remove(key);
            if (key == StoreKeys.WriteFence) _fence = 0;
            else if (key.StartsWith(StoreKeys.Ssls, StringComparison.Ordinal))
            {
                var id = key[StoreKeys.Ssls.Length..];
                _changedSsls.Add(id);
                if (_ssls.GetValueOrDefault(id) is { } old) ReplaceSsl(old, null);
            }
            else if (key.StartsWith(StoreKeys.OcspRecords, StringComparison.Ordinal))
            {
                var id = key[StoreKeys.OcspRecords.Length..];
                if (_ocsp.Remove(id)) _changedOcsp.Add(id);
            }
            else if (key.StartsWith(StoreKeys.Services, StringComparison.Ordinal))
            {
                var id = key[StoreKeys.Services.Length..];
                _changedServices.Add(id);
                if (_services.GetValueOrDefault(id) is { } old) ReplaceService(old, null);
            }
        }

        public ConfigDelta Delta(bool reset) => new(reset, _changedSsls, _changedServices) { OcspIds = _changedOcsp };

        public ConfigModel ToModel()
        {
            // An object is revoked while its OCSP record says so about its current certificate: re-judged when either changes.
            foreach (var id in _changedSsls.Concat(_changedOcsp))
            {
                var revoked = _ssls.GetValueOrDefault(id) is { } model
                    && _ocsp.GetValueOrDefault(id)?.Record.Revokes(model.Facts.FingerprintSha256) == true;
                _sni.SetRevoked(id, revoked);
            }
            return NewModel();
        }

        /// <summary>An OCSP record (DESIGN.md §12) for an object; a value that cannot be decoded or names another object is ignored.</summary>
        private void PutOcsp(StoreItem item)
        {
            if (Core.Revocation.OcspRecord.TryDecode(item.Value) is not { } record || StoreKeys.Ocsp(record.SslId) != item.Key) return;
            _ocsp[record.SslId] = new OcspEntry(record, item.ModRevision);
            _changedOcsp.Add(record.SslId);
        }

        private ConfigModel NewModel() => new(Revision, _fence, _ssls.ToImmutable(), _services.ToImmutable(), _bad.ToImmutable(),
            _sni.ToIndex(), [_sslIds[0].ToImmutable(), _sslIds[1].ToImmutable()], _serviceIds.ToImmutable(),
            _byHost.ToImmutable(), _byParent.ToImmutable(), _byClient.ToImmutable(), _expiry.ToIndex(), _sslNames.ToImmutable(), _serviceNames.ToImmutable(),
            _ocsp.ToImmutable());

        private void PutService(StoreItem item, ServiceModel? model)
        {
            var id = item.Key[StoreKeys.Services.Length..];
            _changedServices.Add(id);
            if (model is null)
            {
                _bad[item.Key] = item.ModRevision;
                return;
            }
            _bad.Remove(item.Key);
            ReplaceService(_services.GetValueOrDefault(id), model);
        }

        private void ReplaceSsl(SslObjectModel? old, SslObjectModel? model)
        {
            _sni.Replace(old, model);
            _expiry.Replace(old, model);
            if (old is not null)
            {
                _ssls.Remove(old.Id);
                _sslIds[(int)old.Type].Remove(old.Id);
                if (old.Name is { } oldName) Update(_sslNames, oldName, old.Id, remove: true);
            }
            if (model is not null)
            {
                _ssls[model.Id] = model;
                _sslIds[(int)model.Type].Add(model.Id);
                if (model.Name is { } name) Update(_sslNames, name, model.Id, remove: false);
            }
        }

        private void ReplaceService(ServiceModel? old, ServiceModel? model)
        {
            if (old is not null)
            {
                _services.Remove(old.Id);
                _serviceIds.Remove(old.Id);
                Index(old, remove: true);
            }
            if (model is not null)
            {
                _services[model.Id] = model;
                _serviceIds.Add(model.Id);
                Index(model, remove: false);
            }
        }

        private void Index(ServiceModel service, bool remove)
        {
            foreach (var host in service.Record.Hosts.Distinct(StringComparer.Ordinal))
            {
                Update(_byHost, host, service.Id, remove);
                var parent = host.StartsWith("*.", StringComparison.Ordinal) ? host[2..] : ParentOf(host);
                if (parent is not null) Update(_byParent, parent, service.Id, remove);
            }
            if (service.Record.Upstream.ClientSslId is { } client) Update(_byClient, client, service.Id, remove);
            if (service.Record.Name is { } name) Update(_serviceNames, name, service.Id, remove);
        }

        private static void Update(ImmutableDictionary<string, ImmutableSortedSet<string>>.Builder index, string key, string id, bool remove)
        {
            var ids = index.GetValueOrDefault(key) ?? NoIds;
            ids = remove ? ids.Remove(id) : ids.Add(id);
            if (ids.IsEmpty) index.Remove(key);
            else index[key] = ids;
        }
    }
}
