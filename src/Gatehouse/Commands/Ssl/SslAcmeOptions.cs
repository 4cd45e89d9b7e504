using System.CommandLine;
using System.Text.Json.Nodes;
using Gatehouse.Client;

namespace Gatehouse.Commands.Ssl;

/// <summary>The <c>ssl create</c> flags of a managed (ACME) object: <c>--acme-issuer ID --domain D… [--challenge C]</c>.</summary>
internal sealed class SslAcmeOptions
{
    public Option<string?> Issuer { get; } = new("--acme-issuer") { Description = "An ACME issuer's id: the CA obtains and renews the certificate (see gatehouse acme issuer)." };
    public Option<string[]> Domains { get; } = new("--domain") { Description = "A name the managed certificate covers; repeat for several (no wildcards).", AllowMultipleArgumentsPerToken = false };
    public Option<string?> Challenge { get; } = new("--challenge") { Description = "How the CA validates: http-01 (default, HTTP listener) or tls-alpn-01 (HTTPS listener)." };

    public SslAcmeOptions() => Challenge.AcceptOnlyFromAmong("http-01", "tls-alpn-01");

    public void AddTo(Command command)
    {
        command.Options.Add(Issuer);
        command.Options.Add(Domains);
        command.Options.Add(Challenge);
    }

    /// <summary>Whether any of the flags was given (then they describe a managed object).</summary>
    public bool IsGiven(ParseResult parse) =>
        parse.GetResult(Issuer) is { Implicit: false } || parse.GetResult(Domains) is { Implicit: false } || parse.GetResult(Challenge) is { Implicit: false };

    /// <summary>The <c>POST /ssls</c> body of a managed object.</summary>
    public JsonObject Body(ParseResult parse)
    {
        var issuer = parse.GetValue(Issuer) ?? throw new UsageException("--acme-issuer is required with --domain and --challenge.");
        if (parse.GetValue(Domains) is not { Length: > 0 } domains) throw new UsageException("--domain is required with --acme-issuer (repeat it for several names).");
        var acme = new JsonObject { ["issuer"] = issuer, ["domains"] = new JsonArray([.. domains.Select(d => (JsonNode?)d)]) };
        if (parse.GetValue(Challenge) is { } challenge) acme["challenge"] = challenge;
        return new JsonObject { ["acme"] = acme };
    }
}
