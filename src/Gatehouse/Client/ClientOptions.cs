using System.CommandLine;

namespace Gatehouse.Client;

/// <summary>The options every client command takes: <c>--server</c>, <c>--token-file</c>, <c>--output</c>.</summary>
internal sealed class ClientOptions
{
    public const string DefaultServer = "http://127.0.0.1:9180";

    public Option<string> Server { get; } = new("--server")
    {
        Description = "Admin API base URL (default: GATEHOUSE_URL, else the local admin listener).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("GATEHOUSE_URL") is { Length: > 0 } url ? url : DefaultServer,
    };

    public Option<string?> TokenFile { get; } = new("--token-file")
    {
        Description = "File holding the admin token. Default: the GATEHOUSE_TOKEN environment variable.",
    };

    public Option<string> Output { get; }

    /// <param name="formats">The <c>--output</c> values, the first the default: table and json, or (export) yaml and json.</param>
    public ClientOptions(params string[] formats)
    {
        if (formats.Length == 0) formats = ["table", "json"];
        Output = new("--output", "-o")
        {
            Description = formats[0] == "table" ? "table (for people) or json (the API's JSON, for scripts)." : $"{string.Join(" or ", formats)} (default {formats[0]}).",
            DefaultValueFactory = _ => formats[0],
        };
        Output.AcceptOnlyFromAmong(formats);
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Server);
        command.Options.Add(TokenFile);
        command.Options.Add(Output);
    }

    /// <summary>The output format alone: known even when the rest of the settings are wrong.</summary>
    public bool IsJson(ParseResult parse) => parse.GetValue(Output) == "json";

    /// <summary>Resolves the settings; a missing or unreadable token or a bad URL is a <see cref="UsageException"/>.</summary>
    public ClientSettings Resolve(ParseResult parse)
    {
        var serverText = parse.GetValue(Server)!;
        if (!Uri.TryCreate(serverText, UriKind.Absolute, out var server) || server.Scheme is not ("http" or "https"))
            throw new UsageException("--server must be an http:// or https:// URL, e.g. " + DefaultServer + ".");
        // A trailing slash makes relative paths resolve under a base path such as https://host/gatehouse/.
        if (!server.AbsolutePath.EndsWith('/')) server = new Uri(server + "/");

        var tokenFile = parse.GetValue(TokenFile);
        var token = tokenFile is not null
            ? InputFiles.ReadText(tokenFile, "--token-file").Trim()
            : Environment.GetEnvironmentVariable("GATEHOUSE_TOKEN")?.Trim();
        if (string.IsNullOrEmpty(token))
            throw new UsageException(tokenFile is null
                ? "an admin token is required: pass --token-file FILE or set GATEHOUSE_TOKEN."
                : $"--token-file: '{tokenFile}' is empty.");
        if (token.Any(char.IsControl) || token.Any(char.IsWhiteSpace))
            throw new UsageException("the admin token must be one line without spaces.");
        return new ClientSettings(server, token, IsJson(parse));
    }
}
