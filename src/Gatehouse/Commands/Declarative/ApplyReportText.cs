using System.Text.Json;
using Gatehouse.Client;

namespace Gatehouse.Commands.Declarative;

/// <summary>The human rendering of an apply or diff report: one line per object, the guards, the TLS coverage, a summary.</summary>
internal static class ApplyReportText
{
    public static void Write(JsonElement report, TextWriter writer)
    {
        var dryRun = report.GetProperty("dry_run").GetBoolean();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var kind in new[] { "ssls", "services" })
        {
            foreach (var change in report.GetProperty(kind).EnumerateArray())
            {
                var action = JsonText.Of(change, "action");
                counts[action] = counts.GetValueOrDefault(action) + 1;
                var fields = change.GetProperty("fields").EnumerateArray().Select(f => f.GetString()).ToList();
                var line = $"{(kind == "ssls" ? "ssl" : "service")} {JsonText.Of(change, "name")}: {Describe(action, dryRun)}";
                writer.WriteLine(fields.Count > 0 ? $"{line} ({string.Join(", ", fields)})" : line);
                foreach (var warning in change.GetProperty("warnings").EnumerateArray())
                    writer.WriteLine($"  warning: {warning.GetString()}");
            }
        }
        var guards = report.GetProperty("guards").EnumerateArray().ToList();
        writer.WriteLine(guards.Count == 0 ? "guards: none" : "guards:");
        foreach (var guard in guards) writer.WriteLine($"  {JsonText.Of(guard, "code")}: {JsonText.Of(guard, "message")}");
        var coverage = report.GetProperty("tls_coverage").EnumerateArray().ToList();
        if (coverage.Count > 0)
        {
            writer.WriteLine("tls coverage:");
            var table = new TextTable("SERVICE", "HOST", "SSL", "STEP", "PEER AUTH", "WARNINGS");
            foreach (var host in coverage)
            {
                table.Add(JsonText.Of(host, "service"), JsonText.Of(host, "host"), JsonText.Of(host, "ssl"), JsonText.Of(host, "step"),
                    JsonText.Of(host, "peer_authentication"), JsonText.Of(host, "warnings"));
            }
            table.WriteTo(writer);
        }
        var summary = string.Join(", ", new[] { "create", "update", "delete", "unchanged" }
            .Where(counts.ContainsKey).Select(a => $"{counts[a]} {Describe(a, dryRun)}"));
        var revision = report.GetProperty("revision").GetInt64();
        var commits = report.GetProperty("commits").GetInt32();
        var skipped = report.GetProperty("skipped").GetInt32();
        writer.WriteLine((summary.Length == 0 ? "nothing in scope" : summary)
            + (skipped > 0 ? $", {skipped} outside the selector" : "")
            + (dryRun ? "; nothing was written." : commits == 0 ? $"; nothing to write (revision {revision})." : $"; committed in {commits} transaction(s) at revision {revision}."));
    }

    private static string Describe(string action, bool dryRun) => (action, dryRun) switch
    {
        ("create", true) => "would be created",
        ("update", true) => "would change",
        ("delete", true) => "would be deleted",
        ("create", false) => "created",
        ("update", false) => "changed",
        ("delete", false) => "deleted",
        _ => action,
    };
}
