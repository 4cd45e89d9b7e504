using System.Text.Json;
using Gatehouse.Client;

namespace Gatehouse.Commands.Service;

/// <summary>The human renderings of services: one row per service in a list, every field and the TLS coverage for one.</summary>
internal static class ServiceTable
{
    public static void WriteList(IEnumerable<JsonElement> items, TextWriter writer)
    {
        var table = new TextTable("ID", "NAME", "HOSTS", "PREFIX", "PROTOCOLS", "TARGETS", "COVERAGE");
        foreach (var item in items)
        {
            table.Add(JsonText.Of(item, "id"), JsonText.Of(item, "name"), JsonText.Of(item, "hosts"), JsonText.Of(item, "path_prefix"),
                JsonText.Of(item, "protocols"), Targets(item.GetProperty("upstream").GetProperty("targets")), Coverage(item));
        }
        table.WriteTo(writer);
    }

    /// <summary>A service (or a dry run's would-be service): <c>name: value</c> lines, upstream fields prefixed, then the coverage table.</summary>
    public static void WriteObject(JsonElement body, TextWriter writer)
    {
        var service = body;
        if (body.TryGetProperty("dry_run", out var dryRun) && dryRun.ValueKind == JsonValueKind.True)
        {
            writer.WriteLine("dry run: nothing was stored. The service would be:");
            writer.WriteLine();
            service = body.GetProperty("service");
        }

        var fields = new List<(string Name, string Value)>();
        foreach (var property in service.EnumerateObject())
        {
            if (property.Name == "tls_coverage") continue;
            if (property.Name == "upstream" && property.Value.ValueKind == JsonValueKind.Object)
                fields.AddRange(property.Value.EnumerateObject().Select(p => ("upstream." + p.Name, Upstream(p))));
            else
                fields.Add((property.Name, JsonText.Of(property.Value)));
        }
        var width = fields.Max(f => f.Name.Length) + 1;
        foreach (var (name, value) in fields) writer.WriteLine($"{(name + ":").PadRight(width)} {value}");

        if (service.TryGetProperty("tls_coverage", out var coverage) && coverage.GetArrayLength() > 0)
        {
            writer.WriteLine();
            var table = new TextTable("HOST", "SSL", "STEP", "PEER AUTH", "WARNINGS");
            foreach (var host in coverage.EnumerateArray())
            {
                table.Add(JsonText.Of(host, "host"), JsonText.Of(host, "ssl_id"), JsonText.Of(host, "step"),
                    JsonText.Of(host, "peer_authentication"), Warnings(host));
            }
            table.WriteTo(writer);
        }
    }

    /// <summary>
    /// How many hosts an SSL object covers, e.g. <c>2/2 covered</c>; a leading <c>!</c> when a host has a warning (an
    /// HTTPS host nothing covers, an expired object…); <c>http only</c> when the service has no HTTPS listener.
    /// </summary>
    public static string Coverage(JsonElement service)
    {
        var coverage = service.GetProperty("tls_coverage").EnumerateArray().ToList();
        var warned = coverage.Any(c => c.GetProperty("warnings").GetArrayLength() > 0);
        var https = service.GetProperty("protocols").EnumerateArray().Any(p => p.GetString() == "https");
        var text = https
            ? $"{coverage.Count(c => c.GetProperty("ssl_id").ValueKind == JsonValueKind.String)}/{coverage.Count} covered"
            : "http only";
        return warned ? "! " + text : text;
    }

    private static string Upstream(JsonProperty field) => field.Name switch
    {
        "targets" => Targets(field.Value),
        // Never the PEM body: the CA certificates' subjects and fingerprints.
        "ca_certificate" => JsonText.Certificates(field.Value, subjects: true),
        "timeouts" when field.Value.ValueKind == JsonValueKind.Object =>
            $"connect {JsonText.Of(field.Value, "connect_ms")} ms, read {JsonText.Of(field.Value, "read_ms")} ms",
        _ => JsonText.Of(field.Value),
    };

    /// <summary>The targets in the <c>--target</c> syntax, comma-separated.</summary>
    private static string Targets(JsonElement targets) =>
        targets.ValueKind == JsonValueKind.Array && targets.GetArrayLength() > 0
            ? string.Join(", ", targets.EnumerateArray().Select(ServiceTarget.Format))
            : "-";

    private static string Warnings(JsonElement host) =>
        host.TryGetProperty("warnings", out var warnings) && warnings.GetArrayLength() > 0
            ? string.Join("; ", warnings.EnumerateArray().Select(w => w.GetString()))
            : "-";
}
