using System.Globalization;
using System.Text;

namespace Gatehouse.Testing.Metrics;

/// <summary>
/// A parsed <c>/metrics</c> answer (Prometheus text format 0.0.4). Tests look series up by name and label set, so they
/// do not depend on the order of labels or on how an empty label set is written (<c>name 1</c> or <c>name{} 1</c>).
/// </summary>
public sealed class PrometheusScrape
{
    private PrometheusScrape(string text, IReadOnlyList<PrometheusSample> samples)
    {
        Text = text;
        Samples = samples;
    }

    /// <summary>The answer as received.</summary>
    public string Text { get; }

    public IReadOnlyList<PrometheusSample> Samples { get; }

    /// <summary>Scrapes <c>/metrics</c> with <paramref name="client"/> (whose base address is the listener).</summary>
    public static async Task<PrometheusScrape> GetAsync(HttpClient client) => Parse(await client.GetStringAsync("/metrics"));

    /// <summary>The value of the series <paramref name="name"/> with exactly <paramref name="labels"/>; null when there is none.</summary>
    public double? Value(string name, params (string Name, string Value)[] labels) =>
        Samples.FirstOrDefault(s => s.Name == name && s.HasExactly(labels))?.Value;

    /// <summary>Every series of <paramref name="name"/>.</summary>
    public IReadOnlyList<PrometheusSample> Series(string name) => [.. Samples.Where(s => s.Name == name)];

    /// <summary>The <c># TYPE</c> of the family <paramref name="name"/>; null when it is not declared.</summary>
    public string? TypeOf(string name) => Text.Split('\n')
        .Where(l => l.StartsWith($"# TYPE {name} ", StringComparison.Ordinal)).Select(l => l[$"# TYPE {name} ".Length..].Trim()).FirstOrDefault();

    /// <summary>Parses every sample line; throws <see cref="FormatException"/> on a line that is not one.</summary>
    public static PrometheusScrape Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#') continue;
            samples.Add(ParseSample(line));
        }
        return new PrometheusScrape(text, samples);
    }

    private static PrometheusSample ParseSample(string line)
    {
        var i = 0;
        while (i < line.Length && line[i] != '{' && line[i] != ' ') i++;
        var name = line[..i];
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (line[i] != '}')
            {
                var equals = line.IndexOf('=', i);
                var label = line[i..equals].Trim();
                if (line[equals + 1] != '"') throw new FormatException($"Label {label} is not quoted: {line}");
                var value = new StringBuilder();
                for (i = equals + 2; line[i] != '"'; i++)
                {
                    if (line[i] == '\\')
                    {
                        i++;
                        value.Append(line[i] == 'n' ? '\n' : line[i]);
                    }
                    else value.Append(line[i]);
                }
                labels.Add(label, value.ToString());
                i++;
                if (line[i] == ',') i++;
            }
            i++;
        }
        var fields = line[i..].Trim().Split(' ');
        return new PrometheusSample(name, labels, ParseValue(fields[0], line));
    }

    private static double ParseValue(string value, string line) => value switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : throw new FormatException($"Bad value: {line}"),
    };
}
