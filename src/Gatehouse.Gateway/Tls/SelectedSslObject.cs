using Gatehouse.Gateway.Configuration;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace Gatehouse.Gateway.Tls;

/// <summary>
/// The SSL object chosen at a connection's handshake, remembered on the connection for the request-level rules
/// (misdirected requests, peer authentication; DESIGN.md §3).
/// </summary>
public static class SelectedSslObject
{
    private static readonly object Key = new();

    public static void Set(IDictionary<object, object?> connectionItems, ServedSslObject served) => connectionItems[Key] = served;

    /// <summary>The object that served this request's connection, or null on the plain HTTP listener.</summary>
    public static ServedSslObject? Get(HttpContext context) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(Key, out var value) == true ? value as ServedSslObject : null;
}
