using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Gatehouse.ControlPlane.Declarative;

/// <summary>
/// Converts configuration documents between JSON and YAML with YamlDotNet's representation model (no reflection, so it
/// survives trimming): PEM text becomes a literal block, strings that YAML would read as another type are quoted.
/// </summary>
public static partial class YamlDocuments
{
    /// <summary>The YAML text of <paramref name="document"/>.</summary>
    public static string ToYaml(JsonNode document)
    {
        var stream = new YamlStream(new YamlDocument(ToYamlNode(document)));
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        stream.Save(writer, assignAnchors: false);
        var text = writer.ToString();
        // YamlDotNet ends a stream with a "..." document end marker; a single document needs none.
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    /// <summary>
    /// Every document of <paramref name="yaml"/> as JSON. Throws <see cref="FormatException"/> with a line number (never a value)
    /// for malformed YAML, anchors and aliases, tags, and repeated keys.
    /// </summary>
    public static IReadOnlyList<JsonNode?> FromYaml(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new FormatException($"not valid YAML at line {e.Start.Line}, column {e.Start.Column}.");
        }
        return [.. stream.Documents.Select(d => ToJson(d.RootNode))];
    }

    private static YamlNode ToYamlNode(JsonNode? node) => node switch
    {
        JsonObject obj => new YamlMappingNode(obj.Select(p => new KeyValuePair<YamlNode, YamlNode>(new YamlScalarNode(p.Key), ToYamlNode(p.Value)))),
        JsonArray array => new YamlSequenceNode(array.Select(ToYamlNode)),
        null => new YamlScalarNode("null") { Style = ScalarStyle.Plain },
        JsonValue value when value.TryGetValue<bool>(out var flag) => new YamlScalarNode(flag ? "true" : "false") { Style = ScalarStyle.Plain },
        JsonValue value when value.TryGetValue<string>(out var text) => Scalar(text),
        JsonValue value => new YamlScalarNode(value.ToJsonString()) { Style = ScalarStyle.Plain },
        _ => throw new ArgumentException("Unsupported JSON node.", nameof(node)),
    };

    private static YamlScalarNode Scalar(string text)
    {
        if (text.Contains('\n', StringComparison.Ordinal) && !text.Contains('\r', StringComparison.Ordinal) && !text.StartsWith(' '))
            return new YamlScalarNode(text) { Style = ScalarStyle.Literal };
        return new YamlScalarNode(text) { Style = PlainIsSafe(text) ? ScalarStyle.Plain : ScalarStyle.DoubleQuoted };
    }

    /// <summary>A plain scalar that YAML 1.1 and 1.2 readers both take back as this same string.</summary>
    private static bool PlainIsSafe(string text) =>
        SafePlain().IsMatch(text) && !Yaml11Booleans.Contains(text) && ReadPlain(text) is JsonValue v && v.TryGetValue<string>(out _);

    /// <summary>Words YAML 1.1 readers take as booleans.</summary>
    private static readonly HashSet<string> Yaml11Booleans = new(StringComparer.OrdinalIgnoreCase) { "y", "n", "yes", "no", "on", "off" };

    private static JsonNode? ToJson(YamlNode node)
    {
        if (node.Tag.IsEmpty is false && node.Tag.Value is not ("tag:yaml.org,2002:str" or "!"))
            throw new FormatException($"YAML tags are not accepted (line {node.Start.Line}).");
        // An alias needs an anchor: refusing anchors refuses aliases too.
        if (node.Anchor.IsEmpty is false)
            throw new FormatException($"YAML anchors and aliases are not accepted (line {node.Start.Line}).");
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is not YamlScalarNode { Value: { } name })
                        throw new FormatException($"a mapping key must be a plain string (line {key.Start.Line}).");
                    if (obj.ContainsKey(name)) throw new FormatException($"a key appears twice in one mapping (line {key.Start.Line}).");
                    obj[name] = ToJson(value);
                }
                return obj;
            case YamlSequenceNode sequence:
                return new JsonArray([.. sequence.Children.Select(ToJson)]);
            case YamlScalarNode scalar:
                return scalar.Style is ScalarStyle.Plain ? ReadPlain(scalar.Value ?? "") : JsonValue.Create(scalar.Value ?? "");
            default:
                throw new FormatException($"unsupported YAML node (line {node.Start.Line}).");
        }
    }

    /// <summary>A plain scalar's value: null, a boolean, an integer, else the string itself.</summary>
    private static JsonNode? ReadPlain(string text) => text switch
    {
        "" or "~" or "null" or "Null" or "NULL" => null,
        "true" or "True" or "TRUE" => JsonValue.Create(true),
        "false" or "False" or "FALSE" => JsonValue.Create(false),
        _ when Integer().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
        _ when Number().IsMatch(text) => JsonValue.Create(double.Parse(text, CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(text),
    };

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^-?[0-9]+\.[0-9]+([eE][-+]?[0-9]+)?$")]
    private static partial Regex Number();

    /// <summary>Strings safe to write unquoted: letters, digits and a few punctuation marks, starting with a letter, '_' or '/' (never a number's look).</summary>
    [GeneratedRegex(@"^[A-Za-z_/][A-Za-z0-9_./=+-]*$")]
    private static partial Regex SafePlain();
}
