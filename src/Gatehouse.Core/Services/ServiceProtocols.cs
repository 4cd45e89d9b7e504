namespace Gatehouse.Core.Services;

/// <summary>The listener names a service's <c>protocols</c> may list.</summary>
public static class ServiceProtocols
{
    public const string Http = "http";
    public const string Https = "https";

    public static IReadOnlyList<string> All { get; } = [Http, Https];
}
