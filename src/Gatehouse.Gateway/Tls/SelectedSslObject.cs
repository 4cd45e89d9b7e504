using Gatehouse.Gateway.Configuration;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace Gatehouse.Gateway.Tls;

/// <summary>
/// The SSL object chosen at a connection's handshake and the raw SNI the client sent, remembered on the
/// connection for the request-level rules (misdirected requests, peer authentication; DESIGN.md §3) and the
/// access log (§9).
/// </summary>
internal static class SelectedSslObject
{
    private static readonly object Key = new();
    private static readonly object ServerNameKey = new();

    public static void Set(IDictionary<object, object?> connectionItems, ServedSslObject served, string serverName)
    {
        connectionItems[Key] = served;
        connectionItems[ServerNameKey] = serverName;
    }

    /// <summary>The object that served this request's connection, or null on the plain HTTP listener.</summary>
    public static ServedSslObject? Get(HttpContext context) => Item(context, Key) as ServedSslObject;

    /// <summary>The SNI as the client sent it ("" without SNI), or null on the plain HTTP listener.</summary>
    public static string? ServerName(HttpContext context) => Item(context, ServerNameKey) as string;

    private static object? Item(HttpContext context, object key) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(key, out var value) == true ? value : null;
}
