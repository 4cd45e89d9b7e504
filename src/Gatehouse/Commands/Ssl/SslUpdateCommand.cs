using System.CommandLine;
using System.Text.Json.Nodes;
using Gatehouse.Client;
using Gatehouse.Hosting.Errors;

namespace Gatehouse.Commands.Ssl;

/// <summary>
/// <c>gatehouse ssl update ID</c>: reads the object, merges the flags over it and replaces it with <c>If-Match</c>,
/// so an omitted flag keeps the stored value (PUT alone would clear omitted optional fields).
/// </summary>
internal static class SslUpdateCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "The SSL object's id." };
        var cert = new Option<string?>("--cert") { Description = "PEM file: a new certificate and its intermediates. Default: keep the stored one." };
        var key = new Option<string?>("--key") { Description = "PEM file: a new private key (needed when the new certificate has a new key)." };
        var ca = new Option<string?>("--ca") { Description = "PEM file: new CA certificates for peer authentication. Default: keep the stored ones." };
        var noCa = new Option<bool>("--no-ca") { Description = "Remove the CA certificates (turns peer authentication off)." };
        var labels = new Option<string[]>("--label") { Description = "A label; repeat for several. Replaces all labels. Default: keep them.", AllowMultipleArgumentsPerToken = false };
        var fallback = new Option<bool>("--fallback") { Description = "Make this the object served to clients that send no SNI." };
        var noFallback = new Option<bool>("--no-fallback") { Description = "Stop serving this object to clients that send no SNI." };
        var force = new Option<bool>("--force") { Description = "Write even if a guard refuses (a host losing its certificate or its peer authentication)." };
        var crl = new Option<string?>("--crl") { Description = "PEM file: new CRLs of the CA certificates. Default: keep the stored ones." };
        var noCrl = new Option<bool>("--no-crl") { Description = "Remove the CRLs." };
        var crlStrict = new Option<bool>("--crl-strict") { Description = "Refuse every client while a CRL is past its next update." };
        var noCrlStrict = new Option<bool>("--no-crl-strict") { Description = "Accept clients while a CRL is stale (a warning only)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate and show the impact without storing anything." };
        var tls = new SslTlsOptions();
        var noAlt = new Option<bool>("--no-alt") { Description = "Remove the alt certificate and its key." };
        var name = new Option<string?>("--name") { Description = "A new unique name. Default: keep the stored one." };
        var noName = new Option<bool>("--no-name") { Description = "Remove the name." };

        var command = new Command("update", "Change an SSL object: only the given flags change, the rest is kept.")
        {
            id, cert, key, ca, noCa, labels, fallback, noFallback, crl, noCrl, crlStrict, noCrlStrict, force, dryRun, noAlt, name, noName,
        };
        foreach (var option in tls.All) command.Options.Add(option);
        command.SetClientAction(async (parse, api, console, cancellationToken) =>
        {
            if (parse.GetValue(ca) is not null && parse.GetValue(noCa)) throw new UsageException("--ca and --no-ca exclude each other.");
            if (parse.GetValue(fallback) && parse.GetValue(noFallback)) throw new UsageException("--fallback and --no-fallback exclude each other.");
            if (parse.GetValue(crl) is not null && parse.GetValue(noCrl)) throw new UsageException("--crl and --no-crl exclude each other.");
            if (parse.GetValue(name) is not null && parse.GetValue(noName)) throw new UsageException("--name and --no-name exclude each other.");
            if (parse.GetValue(crlStrict) && parse.GetValue(noCrlStrict)) throw new UsageException("--crl-strict and --no-crl-strict exclude each other.");
            if (parse.GetValue(noAlt) && (parse.GetValue(tls.AltCert) is not null || parse.GetValue(tls.AltKey) is not null))
                throw new UsageException("--no-alt excludes --alt-cert and --alt-key.");
            // Read every file before any request: a bad path changes nothing.
            var certText = parse.GetValue(cert) is { } certPath ? InputFiles.ReadText(certPath, "--cert") : null;
            var keyText = parse.GetValue(key) is { } keyPath ? InputFiles.ReadText(keyPath, "--key") : null;
            var caText = parse.GetValue(ca) is { } caPath ? InputFiles.ReadText(caPath, "--ca") : null;
            var crlText = parse.GetValue(crl) is { } crlPath ? InputFiles.ReadText(crlPath, "--crl") : null;
            var tlsFields = new JsonObject();
            tls.Apply(parse, tlsFields);

            var target = parse.GetValue(id)!;
            var current = await api.GetAsync(SslPaths.Object(target), cancellationToken);
            if (!current.IsSuccess) return console.ApiError(current);
            var stored = JsonNode.Parse(current.Body)!.AsObject();

            var body = new JsonObject
            {
                ["certificate"] = certText ?? stored["certificate"]?.DeepClone(),
                // Sent unchanged: the type is immutable, and an omitted type would mean server.
                ["type"] = stored["type"]?.DeepClone(),
                ["labels"] = parse.GetValue(labels) is { Length: > 0 } given
                    ? new JsonArray([.. given.Select(l => (JsonNode?)l)])
                    : stored["labels"]?.DeepClone(),
                ["fallback"] = parse.GetValue(fallback) || (!parse.GetValue(noFallback) && stored["fallback"]?.GetValue<bool>() == true),
            };
            if (keyText is not null) body["private_key"] = keyText;
            var nameValue = parse.GetValue(noName) ? null : parse.GetValue(name) ?? stored["name"]?.GetValue<string>();
            if (nameValue is not null) body["name"] = nameValue;
            var caValue = parse.GetValue(noCa) ? null : caText ?? stored["ca_certificate"]?.GetValue<string>();
            if (caValue is not null) body["ca_certificate"] = caValue;
            var crlValue = parse.GetValue(noCrl) ? null : crlText ?? stored["crl"]?.GetValue<string>();
            if (crlValue is not null) body["crl"] = crlValue;
            var strict = parse.GetValue(crlStrict) || (!parse.GetValue(noCrlStrict) && !parse.GetValue(noCrl) && stored["crl_strict"]?.GetValue<bool>() == true);
            if (strict) body["crl_strict"] = true;
            // The TLS policy and the alt certificate are kept unless a flag changes them (an omitted field would reset them).
            foreach (var field in new[] { "min_tls_version", "tls12_cipher_suites" })
                if (stored[field] is { } value) body[field] = value.DeepClone();
            if (!parse.GetValue(noAlt) && stored["alt_certificate"] is JsonValue altValue) body["alt_certificate"] = altValue.DeepClone();
            foreach (var (field, value) in tlsFields) body[field] = value?.DeepClone();

            var path = SslPaths.WithQuery(SslPaths.Object(target),
                ("force", parse.GetValue(force) ? "true" : null), ("dry_run", parse.GetValue(dryRun) ? "true" : null));
            var response = await api.SendAsync(HttpMethod.Put, path, body, current.ETag, cancellationToken);
            return response.IsSuccess
                ? console.Success(response, updated => SslObjectTable.WriteObject(updated, console.Out))
                : console.ApiError(response);
        });
        return command;
    }
}
