using System.CommandLine;
using System.Text.Json.Nodes;
using Gatehouse.Client;

namespace Gatehouse.Commands.Acme;

/// <summary>The flags issuer create and update share. The EAB MAC key is read from a file, never taken on the command line.</summary>
internal sealed class IssuerFlags
{
    public Option<string?> DirectoryUrl { get; } = new("--directory-url") { Description = "The CA's ACME directory URL (https://…)." };
    public Option<string[]> Contacts { get; } = new("--contact") { Description = "A contact URL (mailto:ops@example.com); repeat for several.", AllowMultipleArgumentsPerToken = false };
    public Option<string?> KeyType { get; } = new("--key-type") { Description = "Key type of the certificates: ec-p256 (default) or rsa-2048." };
    public Option<string?> CaCertificate { get; } = new("--ca-cert") { Description = "PEM file: trust anchors for a private CA's HTTPS endpoint (else the system trust store)." };
    public Option<string?> EabKid { get; } = new("--eab-kid") { Description = "External account binding: the key id the CA gave." };
    public Option<string?> EabHmacKeyFile { get; } = new("--eab-hmac-key-file") { Description = "External account binding: file holding the CA's MAC key (base64url); stored encrypted, never shown." };

    public IssuerFlags() => KeyType.AcceptOnlyFromAmong("ec-p256", "rsa-2048");

    public void AddTo(Command command)
    {
        command.Options.Add(DirectoryUrl);
        command.Options.Add(Contacts);
        command.Options.Add(KeyType);
        command.Options.Add(CaCertificate);
        command.Options.Add(EabKid);
        command.Options.Add(EabHmacKeyFile);
    }

    /// <summary>Sets the fields the flags give on <paramref name="body"/>.</summary>
    public void Apply(ParseResult parse, JsonObject body)
    {
        if (parse.GetValue(DirectoryUrl) is { } url) body["directory_url"] = url;
        if (parse.GetValue(Contacts) is { Length: > 0 } contacts) body["contact"] = new JsonArray([.. contacts.Select(c => (JsonNode?)c)]);
        if (parse.GetValue(KeyType) is { } keyType) body["key_type"] = keyType;
        if (parse.GetValue(CaCertificate) is { } caPath) body["ca_certificate"] = InputFiles.ReadText(caPath, "--ca-cert");
        var (kid, macFile) = (parse.GetValue(EabKid), parse.GetValue(EabHmacKeyFile));
        if ((kid is null) != (macFile is null)) throw new UsageException("--eab-kid and --eab-hmac-key-file go together.");
        if (kid is not null)
            body["eab"] = new JsonObject { ["kid"] = kid, ["hmac_key"] = InputFiles.ReadText(macFile!, "--eab-hmac-key-file").Trim() };
    }
}
