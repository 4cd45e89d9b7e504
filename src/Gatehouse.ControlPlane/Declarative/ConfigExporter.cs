using Gatehouse.Core.Validation;
using Gatehouse.Configuration;
using System.Text.Json.Nodes;
using Gatehouse.ControlPlane.Configuration;
using Gatehouse.Core.Services;
using Gatehouse.Core.Ssl;

namespace Gatehouse.ControlPlane.Declarative;

/// <summary>
/// Writes the configuration as one document (DESIGN.md §13): named SSL objects and services, each sorted by name, fields
/// in a fixed order, without private keys, ids or anything the server computes (revisions, timestamps, parsed facts).
/// Each SSL object points at <c>keys/NAME.key</c> for its key, which the operator provides.
/// </summary>
public static class ConfigExporter
{
    /// <summary>The document, and how many SSL objects were left out because they have no name.</summary>
    public static (JsonObject Document, int UnnamedSsls) Export(ConfigModel state, LabelSelector selector)
    {
        var ssls = state.Ssls.Values.Where(m => selector.Matches(m.Labels)).ToList();
        var named = ssls.Where(m => m.Name is not null).OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        var services = state.Services.Values.Where(s => selector.Matches(s.Record.Labels))
            .OrderBy(s => s.Record.Name, StringComparer.Ordinal).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
        var document = new JsonObject
        {
            ["ssls"] = new JsonArray([.. named.Select(m => (JsonNode)Ssl(m.Record))]),
            ["services"] = new JsonArray([.. services.Select(s => (JsonNode)Service(s.Record, state))]),
        };
        return (document, ssls.Count - named.Count);
    }

    /// <summary>The JSON text of a document: indented, one trailing newline.</summary>
    public static string ToJson(JsonObject document) => document.ToJsonString(IndentedJson) + "\n";

    private static readonly System.Text.Json.JsonSerializerOptions IndentedJson = new(Gatehouse.Core.Json.GatehouseJson.Options) { WriteIndented = true };

    /// <summary>The conventional key file of an exported object, relative to the document.</summary>
    public static string KeyFile(string name) => $"keys/{name}.key";

    /// <summary>The conventional alt key file of an exported object.</summary>
    public static string AltKeyFile(string name) => $"keys/{name}.alt.key";

    private static JsonObject Ssl(SslObjectRecord record)
    {
        var ssl = new JsonObject { ["name"] = record.Name, ["type"] = record.Type };
        if (record.Labels.Count > 0) ssl["labels"] = Strings(record.Labels);
        if (record.Fallback) ssl["fallback"] = true;
        ssl["certificate"] = record.Certificate;
        ssl["private_key_file"] = KeyFile(record.Name!);
        if (record.CaCertificate is not null) ssl["ca_certificate"] = record.CaCertificate;
        if (record.Crl is not null) ssl["crl"] = record.Crl;
        if (record.CrlStrict) ssl["crl_strict"] = true;
        if (record.AltCertificate is not null)
        {
            ssl["alt_certificate"] = record.AltCertificate;
            ssl["alt_private_key_file"] = AltKeyFile(record.Name!);
        }
        if (record.MinTlsVersion is not null) ssl["min_tls_version"] = record.MinTlsVersion;
        if (record.Tls12CipherSuites is not null) ssl["tls12_cipher_suites"] = Strings(record.Tls12CipherSuites);
        return ssl;
    }

    private static JsonObject Service(ServiceRecord record, ConfigModel state)
    {
        var upstream = record.Upstream;
        var up = new JsonObject
        {
            ["scheme"] = upstream.Scheme,
            ["targets"] = new JsonArray([.. upstream.Targets.Select(t => (JsonNode)new JsonObject { ["host"] = t.Host, ["port"] = t.Port, ["weight"] = t.Weight })]),
            ["pass_host"] = upstream.PassHost,
        };
        if (upstream.Host is not null) up["host"] = upstream.Host;
        if (upstream.ClientSslId is { } clientId)
        {
            var client = state.Ssls.GetValueOrDefault(clientId)?.Name
                ?? throw DomainError.Of(DomainErrorKind.Conflict, "invalid_reference",
                    $"Service {record.Id} presents SSL object {clientId}, which has no name: name it (gatehouse ssl update {clientId} --name NAME) so a file can refer to it.",
                    "upstream.client_ssl_id");
            up["client_ssl"] = client;
        }
        if (upstream.CaCertificate is not null) up["ca_certificate"] = upstream.CaCertificate;
        if (upstream.Sni is not null) up["sni"] = upstream.Sni;
        up["tls_verify"] = upstream.TlsVerify;
        up["timeouts"] = new JsonObject { ["connect_ms"] = upstream.Timeouts.ConnectMs, ["read_ms"] = upstream.Timeouts.ReadMs };
        var service = new JsonObject
        {
            ["name"] = record.Name,
            ["hosts"] = Strings(record.Hosts),
            ["path_prefix"] = record.PathPrefix,
            ["protocols"] = Strings(record.Protocols),
        };
        if (record.Labels.Count > 0) service["labels"] = Strings(record.Labels);
        if (record.AllowUnderscoresInHeaders) service["allow_underscores_in_headers"] = true;
        service["upstream"] = up;
        return service;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)v)]);
}
