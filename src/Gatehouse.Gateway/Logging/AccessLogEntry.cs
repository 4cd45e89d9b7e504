using System.Net;

namespace Gatehouse.Gateway.Logging;

/// <summary>The fields of one access-log line (DESIGN.md §9); null prints as <c>-</c>.</summary>
internal readonly record struct AccessLogEntry(
    DateTimeOffset Time,
    IPAddress? Client,
    string? Sni,
    string Host,
    string? SslId,
    string? ServiceId,
    string Method,
    string Path,
    string Protocol,
    int Status,
    string? Upstream,
    double LatencyMs);
