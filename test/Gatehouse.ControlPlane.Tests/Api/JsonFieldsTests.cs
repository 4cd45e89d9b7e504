using System.Text.Json;
using Gatehouse.ControlPlane.Api;
using Gatehouse.Core.Validation;

namespace Gatehouse.ControlPlane.Tests.Api;

/// <summary>Strict reading of nested objects, errors named by path (<c>upstream.timeouts.connect_ms</c>).</summary>
public sealed class JsonFieldsTests
{
    private static readonly HashSet<string> Allowed = ["scheme", "port", "verify", "hosts", "targets", "timeouts"];

    private static (JsonFields? Fields, List<ValidationError> Errors) Read(string json, string path = "upstream")
    {
        var errors = new List<ValidationError>();
        using var document = JsonDocument.Parse(json);
        return (JsonFields.Read(document.RootElement.Clone(), path, Allowed, errors), errors);
    }

    [Fact]
    public void Reads_typed_fields()
    {
        var (fields, errors) = Read("""{"scheme":"https","port":8443,"verify":false,"hosts":["a","b"],"targets":[{},{}],"timeouts":null}""");

        Assert.Equal("https", fields!.String("scheme"));
        Assert.Equal(8443, fields.Int("port"));
        Assert.False(fields.Bool("verify"));
        Assert.Equal(["a", "b"], fields.Strings("hosts"));
        Assert.Equal(2, fields.Array("targets")!.Count);
        Assert.Null(fields.Element("timeouts"));
        Assert.Null(fields.String("missing"));
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"https\"")]
    [InlineData("42")]
    public void Non_object_is_an_error_on_the_path(string json)
    {
        var (fields, errors) = Read(json);

        Assert.Null(fields);
        var error = Assert.Single(errors);
        Assert.Equal(("upstream", "invalid_parameter"), (error.Field, error.Code));
    }

    [Fact]
    public void Duplicate_and_unknown_fields_are_named_by_path()
    {
        var (fields, errors) = Read("""{"port":1,"port":2,"colour":"blue"}""");

        Assert.NotNull(fields);
        Assert.Equal(["upstream.port", "upstream.colour"], errors.Select(e => e.Field));
        Assert.Equal(["invalid_json", "unknown_field"], errors.Select(e => e.Code));
        Assert.Contains("hosts, port, scheme, targets, timeouts, verify", errors[1].Message);
    }

    [Fact]
    public void Field_names_that_look_like_pasted_data_are_not_echoed()
    {
        const string Pasted = "-----BEGIN PRIVATE KEY-----MIGHAgEAMBMG";

        var (_, errors) = Read($$"""{"{{Pasted}}":1}""", "upstream.targets[0]");

        var error = Assert.Single(errors);
        Assert.Equal("upstream.targets[0].(unprintable field name)", error.Field);
        Assert.DoesNotContain(Pasted, error.Message);
    }

    [Theory]
    [InlineData("\"8443\"")]
    [InlineData("1.5")]
    [InlineData("2147483648")]
    [InlineData("true")]
    [InlineData("[1]")]
    public void Int_refuses_what_is_not_a_32_bit_integer(string value)
    {
        var (fields, errors) = Read($$"""{"port":{{value}}}""");

        Assert.Null(fields!.Int("port"));
        var error = Assert.Single(errors);
        Assert.Equal(("upstream.port", "invalid_parameter"), (error.Field, error.Code));
        Assert.DoesNotContain(value.Trim('"'), error.Message);
    }

    [Fact]
    public void Wrong_types_are_invalid_parameter_without_the_value()
    {
        var (fields, errors) = Read("""{"scheme":7777,"verify":"secret-value","hosts":["a",9999],"targets":{"x":1}}""");

        Assert.Null(fields!.String("scheme"));
        Assert.Null(fields.Bool("verify"));
        Assert.Null(fields.Strings("hosts"));
        Assert.Null(fields.Array("targets"));

        Assert.Equal(["upstream.scheme", "upstream.verify", "upstream.hosts", "upstream.targets"], errors.Select(e => e.Field));
        Assert.All(errors, e => Assert.Equal("invalid_parameter", e.Code));
        Assert.All(errors, e => Assert.DoesNotContain("secret-value", e.Message));
        Assert.All(errors, e => Assert.DoesNotContain("7777", e.Message));
    }

    [Fact]
    public void Missing_and_paths()
    {
        var (nested, errors) = Read("{}");
        var (top, _) = Read("{}", path: "");

        nested!.Missing("targets", "at least one target");

        Assert.Equal("upstream.targets", nested.Path("targets"));
        Assert.Equal("targets", top!.Path("targets"));
        var error = Assert.Single(errors);
        Assert.Equal(("upstream.targets", "missing_field"), (error.Field, error.Code));
    }
}
