namespace Gatehouse.Core.Services;

/// <summary>A service as stored under <c>/gatehouse/services/{id}</c> and as written by operators (DESIGN.md §4), normalised.</summary>
public sealed record ServiceRecord(
    string Id,
    string Name,
    IReadOnlyList<string> Hosts,
    string PathPrefix,
    IReadOnlyList<string> Protocols,
    IReadOnlyList<string> Labels,
    UpstreamRecord Upstream,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>
    /// Forward request headers whose names contain <c>_</c> (default false: dropped, as nginx does; WSGI/CGI/Rack
    /// servers merge <c>X_Foo</c> with <c>X-Foo</c>). Identity headers are stripped in either spelling regardless.
    /// </summary>
    public bool AllowUnderscoresInHeaders { get; init; }
}

/// <summary>Where and how a service forwards.</summary>
public sealed record UpstreamRecord(
    string Scheme,
    IReadOnlyList<TargetRecord> Targets,
    string PassHost,
    string? Host,
    string? ClientSslId,
    string? CaCertificate,
    string? Sni,
    bool TlsVerify,
    TimeoutsRecord Timeouts)
{
    /// <summary>
    /// <c>client_ssl</c>: the client object by name (DESIGN.md §13), as a request gives it. The writer resolves it to
    /// <see cref="ClientSslId"/>; it is never stored, so renaming the object keeps the reference.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? ClientSslName { get; init; }
}

/// <summary>One upstream target; weight 0 drains it.</summary>
public sealed record TargetRecord(string Host, int Port, int Weight);

/// <summary>Upstream timeouts in milliseconds.</summary>
public sealed record TimeoutsRecord(int ConnectMs, int ReadMs)
{
    public static TimeoutsRecord Default { get; } = new(5000, 60000);
}
