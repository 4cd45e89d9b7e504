using System.CommandLine;
using System.Text.Json.Nodes;
using Gatehouse.Client;
using Gatehouse.Hosting.Errors;

namespace Gatehouse.Commands.Ssl;

/// <summary><c>gatehouse ssl create</c>: <c>POST /api/v1/ssls</c> from PEM files.</summary>
internal static class SslCreateCommand
{
    public static Command Create()
    {
        var cert = new Option<string>("--cert") { Description = "PEM file: the certificate, then its intermediates.", Required = true };
        var key = new Option<string>("--key") { Description = "PEM file: the private key (PKCS#8, PKCS#1 or SEC1; not encrypted).", Required = true };
        var ca = new Option<string?>("--ca") { Description = "PEM file: CA certificates that client certificates must chain to (turns on peer authentication)." };
        var type = new Option<string?>("--type") { Description = "server (default): served by SNI; client: presented to upstreams." };
        type.AcceptOnlyFromAmong("server", "client");
        var labels = new Option<string[]>("--label") { Description = "A label; repeat for several.", AllowMultipleArgumentsPerToken = false };
        var fallback = new Option<bool>("--fallback") { Description = "Serve this object to clients that send no SNI (server type, at most one object)." };
        var name = new Option<string?>("--name") { Description = "A unique name (lower-case letters, digits, '.', '_', '-'): how configuration files refer to it." };

        var crl = new Option<string?>("--crl") { Description = "PEM file: CRLs of the CA certificates (one per CA); client certificates they list are refused." };
        var crlStrict = new Option<bool>("--crl-strict") { Description = "Refuse every client while a CRL is past its next update." };

        var tls = new SslTlsOptions();
        var command = new Command("create", "Create an SSL object from PEM files.") { cert, key, ca, type, labels, fallback, crl, crlStrict, name };
        foreach (var option in tls.All) command.Options.Add(option);
        command.SetClientAction(async (parse, api, console, cancellationToken) =>
        {
            var body = new JsonObject
            {
                ["certificate"] = InputFiles.ReadText(parse.GetValue(cert)!, "--cert"),
                ["private_key"] = InputFiles.ReadText(parse.GetValue(key)!, "--key"),
            };
            if (parse.GetValue(ca) is { } caPath) body["ca_certificate"] = InputFiles.ReadText(caPath, "--ca");
            if (parse.GetValue(type) is { } typeValue) body["type"] = typeValue;
            if (parse.GetValue(labels) is { Length: > 0 } labelValues) body["labels"] = new JsonArray([.. labelValues.Select(l => (JsonNode?)l)]);
            if (parse.GetValue(fallback)) body["fallback"] = true;
            if (parse.GetValue(name) is { } nameValue) body["name"] = nameValue;
            if (parse.GetValue(crl) is { } crlPath) body["crl"] = InputFiles.ReadText(crlPath, "--crl");
            if (parse.GetValue(crlStrict)) body["crl_strict"] = true;
            tls.Apply(parse, body);

            var response = await api.SendAsync(HttpMethod.Post, "api/v1/ssls", body, cancellationToken: cancellationToken);
            return response.IsSuccess
                ? console.Success(response, created => SslObjectTable.WriteObject(created, console.Out))
                : console.ApiError(response);
        });
        return command;
    }
}
