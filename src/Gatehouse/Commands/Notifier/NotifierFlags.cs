using System.CommandLine;
using System.Text.Json.Nodes;
using Gatehouse.Client;

namespace Gatehouse.Commands.Notifier;

/// <summary>The flags create and update share. The secret is read from a file, never taken on the command line.</summary>
internal sealed class NotifierFlags
{
    public Option<string?> Url { get; } = new("--url") { Description = "The webhook URL (https; plain http only to a loopback address)." };
    public Option<string?> SecretFile { get; } = new("--secret-file") { Description = "File holding the HMAC secret (16+ characters) that signs each body (X-Gatehouse-Signature)." };
    public Option<int[]> Thresholds { get; } = new("--threshold") { Description = "Days before expiry to notify at; repeat for several. Default: 30, 14, 7, 1.", AllowMultipleArgumentsPerToken = false };
    public Option<string[]> Events { get; } = new("--event") { Description = "An event type to receive (ssl.expiring, ssl.expired, ssl.revoked, …); repeat for several. Default: all.", AllowMultipleArgumentsPerToken = false };

    public void AddTo(Command command)
    {
        command.Options.Add(Url);
        command.Options.Add(SecretFile);
        command.Options.Add(Thresholds);
        command.Options.Add(Events);
    }

    /// <summary>Sets the fields the flags give on <paramref name="body"/>.</summary>
    public void Apply(ParseResult parse, JsonObject body)
    {
        if (parse.GetValue(Url) is { } url) body["url"] = url;
        if (parse.GetValue(SecretFile) is { } path) body["secret"] = InputFiles.ReadText(path, "--secret-file").Trim();
        if (parse.GetValue(Thresholds) is { Length: > 0 } days) body["thresholds_days"] = new JsonArray([.. days.Select(d => (JsonNode?)d)]);
        if (parse.GetValue(Events) is { Length: > 0 } types) body["events"] = new JsonArray([.. types.Select(t => (JsonNode?)t)]);
    }
}
