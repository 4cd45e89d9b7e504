namespace Gatehouse.Gateway.Forwarding;

/// <summary>One upstream target with its destination prefix (scheme and authority) for the forwarder.</summary>
internal sealed record UpstreamTarget(string Host, int Port, int Weight, string DestinationPrefix)
{
    /// <summary>host:port as written in logs.</summary>
    public string Address => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
