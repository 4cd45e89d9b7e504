using Gatehouse.Core.Sni;
using Gatehouse.Core.Ssl;

namespace Gatehouse.Gateway.Configuration;

/// <summary>
/// Everything the data plane reads, immutable: one instance per store revision, replaced in one write so a
/// handshake never sees half an update.
/// </summary>
public sealed class GatewaySnapshot
{
    public GatewaySnapshot(long revision, IReadOnlyDictionary<string, ServedSslObject> served,
        IReadOnlyDictionary<string, SslObjectModel> all, IReadOnlyList<string> badKeys)
    {
        Revision = revision;
        Served = served;
        All = all;
        BadKeys = badKeys;
        Sni = SniIndex.Build(served.Values.Select(s => s.Model));
    }

    public static GatewaySnapshot Empty { get; } = new(0, new Dictionary<string, ServedSslObject>(), new Dictionary<string, SslObjectModel>(), []);

    /// <summary>The store revision this snapshot reflects.</summary>
    public long Revision { get; }

    public SniIndex Sni { get; }

    /// <summary>Server objects with their TLS options, by id.</summary>
    public IReadOnlyDictionary<string, ServedSslObject> Served { get; }

    /// <summary>Every loaded SSL object (server and client), by id.</summary>
    public IReadOnlyDictionary<string, SslObjectModel> All { get; }

    /// <summary>Store keys whose latest value could not be loaded (their last good revision is kept).</summary>
    public IReadOnlyList<string> BadKeys { get; }
}
