using System.Globalization;
using System.Text;

namespace Gatehouse.Hosting.Metrics;

/// <summary>
/// Writes the Prometheus text exposition format. Hand-written: the few gauges and one histogram here are
/// computed from the configuration at scrape time, which metric libraries built on counters do not fit.
/// </summary>
public sealed class PrometheusText
{
    private readonly StringBuilder _text = new();

    /// <summary>Starts a metric family; in HELP text a backslash and a line feed are escaped, as the format requires.</summary>
    public PrometheusText Family(string name, string type, string help)
    {
        _text.Append("# HELP ").Append(name).Append(' ').Append(help.Replace("\\", "\\\\").Replace("\n", "\\n")).Append('\n');
        _text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        return this;
    }

    public PrometheusText Sample(string name, double value, params (string Name, string Value)[] labels)
    {
        _text.Append(name);
        if (labels.Length > 0)
        {
            _text.Append('{');
            _text.AppendJoin(',', labels.Select(l => $"{l.Name}=\"{Escape(l.Value)}\""));
            _text.Append('}');
        }
        _text.Append(' ').Append(Format(value)).Append('\n');
        return this;
    }

    // The format spells infinities +Inf and -Inf; .NET writes "-Infinity", which scrapers refuse.
    private static string Format(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ => value.ToString(CultureInfo.InvariantCulture),
    };

    public override string ToString() => _text.ToString();

    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");
}
