using System.CommandLine;
using System.Text.Json.Nodes;
using Gatehouse.Client;

namespace Gatehouse.Commands.Service;

/// <summary>
/// The field flags shared by <c>service create</c> and <c>service update</c>. They become a patch: a body holding only
/// what was given, merged over nothing (create) or over the stored service (update). A repeated flag (<c>--host</c>,
/// <c>--target</c>, <c>--protocol</c>, <c>--label</c>) gives the whole list.
/// </summary>
internal sealed class ServiceFlags
{
    private readonly Option<string?> _name = new("--name") { Description = "The service's name." };
    private readonly Option<string[]> _hosts = Many("--host", "A host name this service answers (exact or *.wildcard); repeat for several.");
    private readonly Option<string[]> _targets = Many("--target", "An upstream as HOST:PORT or HOST:PORT:WEIGHT (weight 0 drains it); repeat for several.");
    private readonly Option<string?> _pathPrefix = new("--path-prefix") { Description = "Route only paths under this prefix (default /)." };
    private readonly Option<string[]> _protocols = Many("--protocol", "A listener this service answers on: http or https; repeat for both (default both).");
    private readonly Option<string[]> _labels = Many("--label", "A label; repeat for several.");
    private readonly Option<string?> _scheme = new("--scheme") { Description = "How to reach the upstream: http (default) or https." };
    private readonly Option<string?> _passHost = new("--pass-host") { Description = "pass (default): forward the client's Host; rewrite: send --upstream-host." };
    private readonly Option<string?> _upstreamHost = new("--upstream-host") { Description = "The Host header sent with --pass-host rewrite." };
    private readonly Option<string?> _clientSsl = new("--client-ssl") { Description = "Id or name of a client SSL object the gateway presents to an https upstream." };
    private readonly Option<string?> _upstreamCa = new("--upstream-ca") { Description = "PEM file: CA certificates the https upstream's certificate must chain to." };
    private readonly Option<string?> _sni = new("--sni") { Description = "The SNI sent to, and the name verified on, an https upstream (default: the target host)." };
    private readonly Option<bool> _noTlsVerify = new("--no-tls-verify") { Description = "Do not verify the https upstream's certificate or name (adds a warning)." };
    private readonly Option<int?> _connectTimeout = new("--connect-timeout-ms") { Description = "Upstream connect timeout in milliseconds (default 5000)." };
    private readonly Option<int?> _readTimeout = new("--read-timeout-ms") { Description = "Upstream read timeout in milliseconds (default 60000)." };
    private readonly Option<bool> _allowUnderscores = new("--allow-underscores-in-headers")
    {
        Description = "Forward request headers whose names contain \"_\" (default: dropped; identity headers are dropped in any spelling).",
    };

    // Update only: turn back on or clear what create can only set.
    private readonly Option<bool> _tlsVerify = new("--tls-verify") { Description = "Verify the https upstream's certificate and name again." };
    private readonly Option<bool> _noUpstreamHost = new("--no-upstream-host") { Description = "Remove upstream.host." };
    private readonly Option<bool> _noClientSsl = new("--no-client-ssl") { Description = "Stop presenting a client certificate to the upstream." };
    private readonly Option<bool> _noUpstreamCa = new("--no-upstream-ca") { Description = "Remove upstream.ca_certificate (the system trust store applies)." };
    private readonly Option<bool> _noSni = new("--no-sni") { Description = "Remove upstream.sni (the target host is used)." };
    private readonly Option<bool> _dropUnderscores = new("--drop-underscores-in-headers") { Description = "Drop request headers whose names contain \"_\" again." };

    private readonly List<Option> _all;

    public ServiceFlags(bool update)
    {
        _protocols.AcceptOnlyFromAmong("http", "https");
        _scheme.AcceptOnlyFromAmong("http", "https");
        _passHost.AcceptOnlyFromAmong("pass", "rewrite");
        _all = [_name, _hosts, _targets, _pathPrefix, _protocols, _labels, _scheme, _passHost, _upstreamHost, _clientSsl, _upstreamCa, _sni,
            _noTlsVerify, _connectTimeout, _readTimeout, _allowUnderscores];
        if (update) _all.AddRange([_tlsVerify, _noUpstreamHost, _noClientSsl, _noUpstreamCa, _noSni, _dropUnderscores]);
    }

    public void AddTo(Command command)
    {
        foreach (var option in _all) command.Options.Add(option);
    }

    /// <summary>Whether any field flag appears on the command line.</summary>
    public bool AnyGiven(ParseResult parse) => _all.Any(o => parse.GetResult(o) is { Implicit: false });

    /// <summary>The given flags as a partial body; reads <c>--upstream-ca</c>. Contradicting flags are a <see cref="UsageException"/>.</summary>
    public JsonObject Patch(ParseResult parse)
    {
        Exclusive(parse, _noTlsVerify, _tlsVerify);
        Exclusive(parse, _upstreamHost, _noUpstreamHost);
        Exclusive(parse, _clientSsl, _noClientSsl);
        Exclusive(parse, _upstreamCa, _noUpstreamCa);
        Exclusive(parse, _sni, _noSni);
        Exclusive(parse, _allowUnderscores, _dropUnderscores);

        var patch = new JsonObject();
        var upstream = new JsonObject();
        var timeouts = new JsonObject();
        Set(patch, "name", parse.GetValue(_name));
        SetList(patch, "hosts", parse.GetValue(_hosts));
        Set(patch, "path_prefix", parse.GetValue(_pathPrefix));
        SetList(patch, "protocols", parse.GetValue(_protocols));
        SetList(patch, "labels", parse.GetValue(_labels));
        if (parse.GetValue(_allowUnderscores)) patch["allow_underscores_in_headers"] = true;
        else if (parse.GetValue(_dropUnderscores)) patch["allow_underscores_in_headers"] = false;
        Set(upstream, "scheme", parse.GetValue(_scheme));
        if (parse.GetValue(_targets) is { Length: > 0 } targets)
            upstream["targets"] = new JsonArray([.. targets.Select(t => (JsonNode?)ServiceTarget.Parse(t))]);
        Set(upstream, "pass_host", parse.GetValue(_passHost));
        SetOrClear(parse, upstream, "host", _upstreamHost, _noUpstreamHost);
        SetOrClear(parse, upstream, "client_ssl_id", _clientSsl, _noClientSsl);
        if (parse.GetValue(_clientSsl) is { } client && !Core.Ids.ObjectIds.IsWellFormed(client))
        {
            // A name (DESIGN.md §13): the server resolves it; the id field is cleared so a merged update does not keep the old one.
            upstream["client_ssl"] = client;
            upstream["client_ssl_id"] = null;
        }
        if (parse.GetValue(_upstreamCa) is { } caPath) upstream["ca_certificate"] = InputFiles.ReadText(caPath, "--upstream-ca");
        else if (parse.GetValue(_noUpstreamCa)) upstream["ca_certificate"] = null;
        SetOrClear(parse, upstream, "sni", _sni, _noSni);
        if (parse.GetValue(_noTlsVerify)) upstream["tls_verify"] = false;
        else if (parse.GetValue(_tlsVerify)) upstream["tls_verify"] = true;
        if (parse.GetValue(_connectTimeout) is { } connect) timeouts["connect_ms"] = connect;
        if (parse.GetValue(_readTimeout) is { } read) timeouts["read_ms"] = read;
        if (timeouts.Count > 0) upstream["timeouts"] = timeouts;
        if (upstream.Count > 0) patch["upstream"] = upstream;
        return patch;
    }

    /// <summary>Merges <paramref name="patch"/> into <paramref name="body"/>: objects field by field, lists and values replaced.</summary>
    public static void Merge(JsonObject body, JsonObject patch)
    {
        foreach (var (name, value) in patch)
        {
            if (value is JsonObject inner && body[name] is JsonObject existing) Merge(existing, inner);
            else body[name] = value?.DeepClone();
        }
    }

    private static Option<string[]> Many(string name, string description) =>
        new(name) { Description = description, AllowMultipleArgumentsPerToken = false };

    private static void Set(JsonObject body, string name, string? value)
    {
        if (value is not null) body[name] = value;
    }

    private static void SetList(JsonObject body, string name, string[]? values)
    {
        if (values is { Length: > 0 }) body[name] = new JsonArray([.. values.Select(v => (JsonNode?)v)]);
    }

    private static void SetOrClear(ParseResult parse, JsonObject body, string name, Option<string?> value, Option<bool> clear)
    {
        if (parse.GetValue(value) is { } given) body[name] = given;
        else if (parse.GetValue(clear)) body[name] = null;
    }

    private static void Exclusive(ParseResult parse, Option set, Option clear)
    {
        if (parse.GetResult(set) is { Implicit: false } && parse.GetResult(clear) is { Implicit: false })
            throw new UsageException($"{set.Name} and {clear.Name} exclude each other.");
    }
}
