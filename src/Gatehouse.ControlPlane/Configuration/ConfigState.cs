using Gatehouse.Core.Services;
using Gatehouse.Core.Sni;
using Gatehouse.Core.Ssl;
using Gatehouse.Storage;

namespace Gatehouse.ControlPlane.Configuration;

/// <summary>
/// Everything under <c>/gatehouse/</c> read in one consistent listing: what admin writes check their
/// cross-key rules against, and the write-fence revision they commit on.
/// </summary>
public sealed record ConfigState(
    IReadOnlyDictionary<string, SslObjectModel> Ssls,
    IReadOnlyDictionary<string, ServiceModel> Services,
    IReadOnlyDictionary<string, long> BadItems,
    long FenceRevision,
    long Revision)
{
    /// <summary>Store keys whose value could not be loaded, in key order.</summary>
    public IReadOnlyList<string> BadKeys { get; } = [.. BadItems.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The store revision of a key: a loaded object's, or a bad item's raw one (so If-Match can name it).</summary>
    public long? RevisionOf(string key, long? loaded) => loaded ?? (BadItems.TryGetValue(key, out var revision) ? revision : null);

    public IEnumerable<SslObjectModel> SslsInIdOrder => Ssls.Values.OrderBy(m => m.Id, StringComparer.Ordinal);

    public IEnumerable<ServiceModel> ServicesInIdOrder => Services.Values.OrderBy(m => m.Id, StringComparer.Ordinal);

    /// <summary>The SSL objects named <paramref name="name"/> (DESIGN.md §13; one, unless older data was written twice), in id order.</summary>
    public IReadOnlyList<SslObjectModel> SslsNamed(string name) =>
        (_sslNames ??= NameIndex(SslsInIdOrder, m => m.Record.Name)).GetValueOrDefault(name) ?? [];

    /// <summary>The services named <paramref name="name"/> (one, unless written before names were unique), in id order.</summary>
    public IReadOnlyList<ServiceModel> ServicesNamed(string name) =>
        (_serviceNames ??= NameIndex(ServicesInIdOrder, m => m.Record.Name)).GetValueOrDefault(name) ?? [];

    private static Dictionary<string, List<T>> NameIndex<T>(IEnumerable<T> models, Func<T, string?> name)
    {
        var index = new Dictionary<string, List<T>>(StringComparer.Ordinal);
        foreach (var model in models)
        {
            if (name(model) is not { } key) continue;
            if (!index.TryGetValue(key, out var list)) index[key] = list = [];
            list.Add(model);
        }
        return index;
    }

    private Dictionary<string, List<SslObjectModel>>? _sslNames;
    private Dictionary<string, List<ServiceModel>>? _serviceNames;

    /// <summary>The OCSP record of each object that has one, by object id (DESIGN.md §12).</summary>
    public IReadOnlyDictionary<string, OcspEntry> Ocsp { get; init; } = new Dictionary<string, OcspEntry>();

    /// <summary>The OCSP record about the object's current certificate, or null.</summary>
    public Core.Revocation.OcspRecord? OcspOf(SslObjectModel model) =>
        Ocsp.GetValueOrDefault(model.Id)?.Record is { } record && record.FingerprintSha256 == model.Facts.FingerprintSha256 ? record : null;

    /// <summary>Ids of objects whose current certificate a responder said is revoked.</summary>
    public IReadOnlySet<string> RevokedIds => _revoked ??= Ssls.Values.Where(m => OcspOf(m)?.Revokes(m.Facts.FingerprintSha256) == true)
        .Select(m => m.Id).ToHashSet(StringComparer.Ordinal);

    /// <summary>The SNI index of these SSL objects, built once per state.</summary>
    public SniIndex Sni => _sni ??= SniIndex.Build(Ssls.Values, RevokedIds);

    private IReadOnlySet<string>? _revoked;

    private SniIndex? _sni;
}
