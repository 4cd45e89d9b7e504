using System.Text.Json.Nodes;
using Gatehouse.ControlPlane.Declarative;

namespace Gatehouse.ControlPlane.Tests.Declarative;

/// <summary>YAML in and out of configuration documents: what goes out comes back as the same JSON, and risky YAML is refused.</summary>
public sealed class YamlDocumentsTests
{
    [Fact]
    public void A_document_round_trips_with_pem_blocks_and_strings_that_look_like_other_types()
    {
        var document = new JsonObject
        {
            ["pem"] = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
            ["version"] = "1.2",
            ["words"] = new JsonArray("yes", "no", "on", "off", "null", "true", "~", "", "10.0.0.5", "007", "a: b", "#x", "- y", "team=shop"),
            ["port"] = 8080,
            ["flag"] = false,
            ["nothing"] = null,
        };

        var yaml = YamlDocuments.ToYaml(document);
        var back = Assert.Single(YamlDocuments.FromYaml(yaml));

        Assert.Equal(document.ToJsonString(), back!.ToJsonString());
        Assert.Contains("pem: |", yaml, StringComparison.Ordinal);
        Assert.Contains("version: \"1.2\"", yaml, StringComparison.Ordinal);
        Assert.Contains("- \"yes\"", yaml, StringComparison.Ordinal);
        Assert.Contains("- team=shop", yaml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a: &x 1\nb: *x\n")]
    [InlineData("a: 1\na: 2\n")]
    [InlineData("a: !!binary aGk=\n")]
    [InlineData("a: [1, 2\n")]
    public void Anchors_repeated_keys_tags_and_malformed_yaml_are_refused_with_a_line_and_no_value(string yaml)
    {
        var error = Assert.Throws<FormatException>(() => YamlDocuments.FromYaml(yaml));
        Assert.Contains("line", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("aGk", error.Message, StringComparison.Ordinal);
    }
}
