using System.Globalization;
using Gatehouse.ControlPlane.Metrics;
using Gatehouse.Hosting.Metrics;

namespace Gatehouse.ControlPlane.Tests.Metrics;

/// <summary>The Prometheus text exposition format, as a scraper parses it.</summary>
public sealed class PrometheusTextTests
{
    [Fact]
    public void Family_writes_help_and_type()
    {
        var text = new PrometheusText().Family("gatehouse_store_up", "gauge", "1 when the store answered.").Sample("gatehouse_store_up", 1).ToString();

        Assert.Equal("# HELP gatehouse_store_up 1 when the store answered.\n# TYPE gatehouse_store_up gauge\ngatehouse_store_up 1\n", text);
    }

    [Fact]
    public void Help_escapes_backslash_and_line_feed()
    {
        var text = new PrometheusText().Family("m", "gauge", "a\\b\nc").ToString();

        Assert.Equal("# HELP m a\\\\b\\nc\n# TYPE m gauge\n", text);
    }

    [Fact]
    public void Labels_are_joined_in_order()
    {
        var text = new PrometheusText().Sample("gatehouse_ssl_objects", 3, ("type", "server"), ("status", "active")).ToString();

        Assert.Equal("gatehouse_ssl_objects{type=\"server\",status=\"active\"} 3\n", text);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("back\\slash", "back\\\\slash")]
    [InlineData("say \"hi\"", "say \\\"hi\\\"")]
    [InlineData("two\nlines", "two\\nlines")]
    [InlineData("\\\"\n", "\\\\\\\"\\n")]
    public void Label_values_are_escaped(string value, string escaped) =>
        Assert.Equal($"m{{l=\"{escaped}\"}} 1\n", new PrometheusText().Sample("m", 1, ("l", value)).ToString());

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(0.0, "0")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(12.345, "12.345")]
    public void Values_use_the_formats_spelling(double value, string expected) =>
        Assert.Equal($"m {expected}\n", new PrometheusText().Sample("m", value).ToString());

    [Fact]
    public void Histogram_bucket_labels_include_plus_inf()
    {
        var text = new PrometheusText().Sample("d_bucket", 2, ("le", "+Inf")).ToString();

        Assert.Equal("d_bucket{le=\"+Inf\"} 2\n", text);
    }

    [Fact]
    public void Values_ignore_the_current_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal("m 1.5\n", new PrometheusText().Sample("m", 1.5).ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
