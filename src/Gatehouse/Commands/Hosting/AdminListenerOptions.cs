using System.CommandLine;
using Gatehouse.ControlPlane.Hosting;

namespace Gatehouse.Commands.Hosting;

/// <summary>
/// The admin listener's options, shared by <c>up</c> and <c>control-plane</c>: a non-loopback address needs TLS or an
/// explicit <c>--admin-insecure</c> (DESIGN.md §7).
/// </summary>
internal sealed class AdminListenerOptions
{
    public Option<string> Listen { get; } = new("--admin-listen") { Description = "Admin API and console address.", DefaultValueFactory = _ => "127.0.0.1:9180" };
    public Option<string?> TlsCertificate { get; } = new("--admin-tls-cert") { Description = "PEM certificate for the admin listener (required with --admin-tls-key for a non-loopback admin address)." };
    public Option<string?> TlsKey { get; } = new("--admin-tls-key") { Description = "PEM private key for the admin listener." };
    public Option<bool> Insecure { get; } = new("--admin-insecure") { Description = "Allow a non-loopback admin listener without TLS." };

    public void AddTo(Command command)
    {
        command.Options.Add(Listen);
        command.Options.Add(TlsCertificate);
        command.Options.Add(TlsKey);
        command.Options.Add(Insecure);
    }

    /// <summary>The admin host's options, or the usage error that stops the command.</summary>
    public string? TryResolve(ParseResult parse, string? dataDirectory, out AdminHostOptions options)
    {
        options = null!;
        if (!ListenAddress.TryParse(parse.GetValue(Listen)!, out var endPoint))
            return "--admin-listen must be an address such as 127.0.0.1:9180.";
        var (cert, key) = (parse.GetValue(TlsCertificate), parse.GetValue(TlsKey));
        if ((cert is null) != (key is null)) return "--admin-tls-cert and --admin-tls-key go together.";
        if (!System.Net.IPAddress.IsLoopback(endPoint.Address) && cert is null && !parse.GetValue(Insecure))
            return "A non-loopback --admin-listen needs --admin-tls-cert/--admin-tls-key, or an explicit --admin-insecure.";
        options = new AdminHostOptions(endPoint, cert, key, dataDirectory);
        return null;
    }
}
