namespace Gatehouse.Core.Ssl;

/// <summary>What an SSL object is for (DESIGN.md §2).</summary>
public enum SslObjectType
{
    /// <summary>Served to clients, selected by SNI.</summary>
    Server,

    /// <summary>Presented by the gateway to upstreams.</summary>
    Client,
}
