namespace Gatehouse.Gateway.Logging;

/// <summary>Where the access log goes (<c>--access-log PATH|stdout|off</c>).</summary>
public sealed record AccessLogDestination
{
    private AccessLogDestination(string? path, bool enabled)
    {
        Path = path;
        Enabled = enabled;
    }

    /// <summary>The process's standard output (the default).</summary>
    public static AccessLogDestination Stdout { get; } = new(null, enabled: true);

    /// <summary>No access log: nothing is formatted or written.</summary>
    public static AccessLogDestination Off { get; } = new(null, enabled: false);

    /// <summary>The file appended to, or null for stdout and off.</summary>
    public string? Path { get; }

    public bool Enabled { get; }

    /// <summary>A file the log is appended to (created when missing).</summary>
    public static AccessLogDestination File(string path) => new(System.IO.Path.GetFullPath(path), enabled: true);

    /// <summary><c>stdout</c>, <c>off</c> or a file path; null for an empty value.</summary>
    public static AccessLogDestination? Parse(string? value) => value switch
    {
        null or "" => null,
        "stdout" or "-" => Stdout,
        "off" => Off,
        _ => File(value),
    };

    public override string ToString() => !Enabled ? "off" : Path ?? "stdout";
}
