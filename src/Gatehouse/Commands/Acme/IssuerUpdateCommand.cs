using System.CommandLine;
using System.Text.Json.Nodes;
using Gatehouse.Client;

namespace Gatehouse.Commands.Acme;

/// <summary>
/// <c>gatehouse acme issuer update ID</c>: reads the issuer, merges the flags and replaces it with <c>If-Match</c>. The
/// stored external account binding is kept unless <c>--eab-kid</c>/<c>--eab-hmac-key-file</c> or <c>--no-eab</c> is given.
/// </summary>
internal static class IssuerUpdateCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "The issuer's id." };
        var flags = new IssuerFlags();
        var noEab = new Option<bool>("--no-eab") { Description = "Remove the external account binding." };
        var noCa = new Option<bool>("--no-ca-cert") { Description = "Trust the system store for the CA's HTTPS again." };
        var command = new Command("update", "Change an ACME issuer: only the given flags change.") { id, noEab, noCa };
        flags.AddTo(command);
        command.SetClientAction(async (parse, api, console, cancellationToken) =>
        {
            if (parse.GetValue(noEab) && parse.GetValue(flags.EabKid) is not null) throw new UsageException("--eab-kid and --no-eab exclude each other.");
            if (parse.GetValue(noCa) && parse.GetValue(flags.CaCertificate) is not null) throw new UsageException("--ca-cert and --no-ca-cert exclude each other.");
            var target = parse.GetValue(id)!;
            var current = await api.GetAsync(IssuerPaths.Object(target), cancellationToken);
            if (!current.IsSuccess) return console.ApiError(current);
            var stored = JsonNode.Parse(current.Body)!.AsObject();
            var body = new JsonObject
            {
                ["directory_url"] = stored["directory_url"]?.DeepClone(),
                ["contact"] = stored["contact"]?.DeepClone(),
                ["key_type"] = stored["key_type"]?.DeepClone(),
                ["ca_certificate"] = parse.GetValue(noCa) ? null : stored["ca_certificate"]?.DeepClone(),
            };
            if (parse.GetValue(noEab)) body["eab"] = null;
            flags.Apply(parse, body);
            var response = await api.SendAsync(HttpMethod.Put, IssuerPaths.Object(target), body, current.ETag, cancellationToken);
            return response.IsSuccess
                ? console.Success(response, updated => IssuerTable.WriteObject(updated, console.Out))
                : console.ApiError(response);
        });
        return command;
    }
}
