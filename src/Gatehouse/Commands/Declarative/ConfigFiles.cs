using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Client;
using Gatehouse.ControlPlane.Declarative;

namespace Gatehouse.Commands.Declarative;

/// <summary>
/// Reads <c>-f PATH</c> for <c>apply</c> and <c>diff</c>: one file, or every <c>.yaml</c>/<c>.yml</c>/<c>.json</c> file under a
/// directory (in path order), merged into one document. Each SSL object's <c>private_key_file</c> (relative to the file
/// that names it) becomes <c>private_key</c>, unless <c>GATEHOUSE_KEY_&lt;NAME&gt;</c> holds the key; a key file that is
/// not there leaves the key out (the stored key is kept when the certificate keeps it). Messages name files, never contents.
/// </summary>
internal static class ConfigFiles
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];
    private const long MaxKeyBytes = 1024 * 1024;

    public static JsonObject Load(string path, TextWriter notes)
    {
        var files = Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList()
            : File.Exists(path) ? [path] : throw new UsageException($"-f: '{path}' is neither a file nor a directory.");
        if (files.Count == 0) throw new UsageException($"-f: '{path}' holds no .yaml, .yml or .json file.");
        var ssls = new JsonArray();
        var services = new JsonArray();
        foreach (var file in files)
        {
            foreach (var document in Read(file))
            {
                if (document is null) continue;
                if (document is not JsonObject obj) throw new UsageException($"{file}: a document must be a mapping with ssls and services.");
                foreach (var (key, value) in obj)
                {
                    if (key is not ("ssls" or "services")) throw new UsageException($"{file}: unknown top-level field '{Safe(key)}'; a document holds ssls and services.");
                    if (value is null) continue;
                    if (value is not JsonArray items) throw new UsageException($"{file}: {key} must be a list.");
                    foreach (var item in items.ToList())
                    {
                        items.Remove(item);
                        if (key == "ssls" && item is JsonObject ssl) ResolveKeys(ssl, file, notes);
                        (key == "ssls" ? ssls : services).Add(item);
                    }
                }
            }
        }
        return new JsonObject { ["ssls"] = ssls, ["services"] = services };
    }

    /// <summary>The environment variable that may hold an object's key: <c>GATEHOUSE_KEY_</c> + the name upper-cased, other characters as <c>_</c>.</summary>
    public static string KeyVariable(string name, string prefix = "GATEHOUSE_KEY_") =>
        prefix + new string([.. name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_')]);

    private static IReadOnlyList<JsonNode?> Read(string file)
    {
        var text = InputFiles.ReadText(file, "-f", long.MaxValue);
        if (Path.GetExtension(file).Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return [JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })];
            }
            catch (JsonException e)
            {
                throw new UsageException($"{file}: not valid JSON (line {(e.LineNumber ?? 0) + 1}).");
            }
        }
        try
        {
            return YamlDocuments.FromYaml(text);
        }
        catch (FormatException e)
        {
            throw new UsageException($"{file}: {e.Message}");
        }
    }

    private static void ResolveKeys(JsonObject ssl, string file, TextWriter notes)
    {
        var name = ssl["name"] is JsonValue v && v.TryGetValue<string>(out var n) ? n : null;
        Resolve(ssl, "private_key", "private_key_file", name is null ? null : KeyVariable(name), name, file, notes);
        Resolve(ssl, "alt_private_key", "alt_private_key_file", name is null ? null : KeyVariable(name, "GATEHOUSE_ALT_KEY_"), name, file, notes);
    }

    private static void Resolve(JsonObject ssl, string keyField, string fileField, string? variable, string? name, string file, TextWriter notes)
    {
        var keyFile = ssl[fileField] is JsonValue v && v.TryGetValue<string>(out var f) ? f : null;
        if (ssl.ContainsKey(fileField) && keyFile is null) throw new UsageException($"{file}: {fileField} of ssl {name ?? "(unnamed)"} must be a path.");
        ssl.Remove(fileField);
        if (variable is not null && Environment.GetEnvironmentVariable(variable) is { Length: > 0 } fromEnvironment)
        {
            ssl[keyField] = fromEnvironment;
            return;
        }
        if (keyFile is null) return;
        var full = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, keyFile);
        if (!File.Exists(full))
        {
            notes.WriteLine($"note: ssl {name ?? "(unnamed)"}: {fileField} '{keyFile}' not found; no key sent (the stored key is kept when the certificate keeps it).");
            return;
        }
        ssl[keyField] = InputFiles.ReadText(full, fileField, MaxKeyBytes);
    }

    private static string Safe(string text) => text.Length <= 64 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? text : "(unprintable)";
}
