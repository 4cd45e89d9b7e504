using System.CommandLine;
using System.Text.Json.Nodes;
using Gatehouse.Client;
using Gatehouse.Hosting.Errors;

namespace Gatehouse.Commands.Ssl;

/// <summary>
/// <c>gatehouse ssl create</c>: <c>POST /api/v1/ssls</c> from PEM files, or a managed object (DESIGN.md §12) with
/// <c>--acme-issuer ID --domain D…</c>: the CA issues and renews its certificate.
/// </summary>
internal static class SslCreateCommand
{
    public static Command Create()
    {
        var cert = new Option<string?>("--cert") { Description = "PEM file: the certificate, then its intermediates (required unless --acme-issuer)." };
        var key = new Option<string?>("--key") { Description = "PEM file: the private key (PKCS#8, PKCS#1 or SEC1; not encrypted; required unless --acme-issuer)." };
        var acme = new SslAcmeOptions();
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
        acme.AddTo(command);
        command.SetClientAction(async (parse, api, console, cancellationToken) =>
        {
            if (acme.IsGiven(parse))
            {
                if (parse.GetResult(cert) is { Implicit: false } || parse.GetResult(key) is { Implicit: false })
                    throw new UsageException("--acme-issuer creates a managed object: the CA issues its certificate and key; leave out --cert and --key.");
                var managed = acme.Body(parse);
                if (parse.GetValue(labels) is { Length: > 0 } managedLabels) managed["labels"] = new JsonArray([.. managedLabels.Select(l => (JsonNode?)l)]);
                var created = await api.SendAsync(HttpMethod.Post, "api/v1/ssls", managed, cancellationToken: cancellationToken);
                return created.IsSuccess
                    ? console.Success(created, item => SslObjectTable.WriteObject(item, console.Out))
                    : console.ApiError(created);
            }
            if (parse.GetValue(cert) is null || parse.GetValue(key) is null)
                throw new UsageException("--cert and --key are required (or --acme-issuer ID --domain NAME for a certificate from an ACME CA).");
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
