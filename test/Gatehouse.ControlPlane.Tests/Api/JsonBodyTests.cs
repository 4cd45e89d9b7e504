using System.Text;
using Gatehouse.ControlPlane.Api;
using Gatehouse.Core.Validation;
using Gatehouse.Hosting.Errors;
using static Gatehouse.ControlPlane.Tests.Api.JsonRequests;

namespace Gatehouse.ControlPlane.Tests.Api;

/// <summary>Strict reading of request bodies (docs/decisions.md "Codes", "Field names in errors").</summary>
public sealed class JsonBodyTests
{
    private static readonly HashSet<string> Writable = ["certificate", "labels", "fallback", "type"];
    private static readonly HashSet<string> ReadOnly = ["id", "revision", "created_at"];
    private const string PastedKey = "-----BEGIN PRIVATE KEY-----MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg";

    private static Task<JsonBody> Read(string json, bool sendLength = true) =>
        JsonBody.ReadAsync(Body(json, sendLength), Writable, ReadOnly, CancellationToken.None);

    private static async Task<ApiError> Refused(string json, bool sendLength = true) =>
        await Assert.ThrowsAsync<ApiError>(() => Read(json, sendLength));

    [Fact]
    public async Task Reads_known_fields()
    {
        using var body = await Read("""{"certificate":"PEM","labels":["a","b"],"fallback":true,"type":null}""");
        var errors = new List<ValidationError>();

        Assert.True(body.Has("certificate"));
        Assert.True(body.Has("type"));
        Assert.False(body.Has("id"));
        Assert.Equal("PEM", body.String("certificate", errors));
        Assert.Equal(["a", "b"], body.StringArray("labels", errors));
        Assert.True(body.Bool("fallback", errors));
        Assert.Null(body.String("type", errors));
        Assert.Null(body.String("absent", errors));
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"certificate\":")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("{\"labels\":[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]}")]
    public async Task Anything_but_one_json_object_is_invalid_json(string json)
    {
        var error = await Refused(json);

        Assert.Equal(400, error.Status);
        Assert.Equal("invalid_json", error.Code);
    }

    [Fact]
    public async Task Duplicate_keys_are_invalid_json()
    {
        var error = await Refused("""{"certificate":"a","certificate":"b"}""");

        Assert.Equal(400, error.Status);
        var detail = Assert.Single(error.Details);
        Assert.Equal(("certificate", "invalid_json"), (detail.Field, detail.Code));
    }

    [Fact]
    public async Task Unknown_field_is_named_with_the_accepted_fields()
    {
        var error = await Refused("""{"certificate":"a","colour":"blue"}""");

        var detail = Assert.Single(error.Details);
        Assert.Equal(("colour", "unknown_field"), (detail.Field, detail.Code));
        Assert.Contains("certificate, fallback, labels, type", detail.Message);
        Assert.DoesNotContain("blue", detail.Message);
    }

    [Fact]
    public async Task Read_only_field_is_refused()
    {
        var error = await Refused("""{"id":"x","certificate":"a"}""");

        var detail = Assert.Single(error.Details);
        Assert.Equal(("id", "read_only_field"), (detail.Field, detail.Code));
    }

    [Fact]
    public async Task Every_shape_error_is_reported_at_once()
    {
        var error = await Refused("""{"id":"x","colour":"blue","revision":3,"labels":[],"labels":[]}""");

        Assert.Equal(["id", "colour", "revision", "labels"], error.Details.Select(d => d.Field));
        Assert.Equal(["read_only_field", "unknown_field", "read_only_field", "invalid_json"], error.Details.Select(d => d.Code));
    }

    [Theory]
    [InlineData(PastedKey)]
    [InlineData("private key: hunter2")]
    [InlineData("1field")]
    [InlineData("field-with-dash")]
    [InlineData("x\ny")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")] // 65 characters
    public async Task Field_names_that_look_like_pasted_data_are_not_echoed(string name)
    {
        var json = $$"""{{{System.Text.Json.JsonSerializer.Serialize(name)}}:1,{{System.Text.Json.JsonSerializer.Serialize(name)}}:2}""";

        var error = await Refused(json);

        Assert.Equal(2, error.Details.Count);
        Assert.All(error.Details, d =>
        {
            Assert.Equal("(unprintable field name)", d.Field);
            Assert.DoesNotContain(name, d.Message);
        });
        Assert.DoesNotContain(name, error.Message);
    }

    [Theory]
    [InlineData("colour")]
    [InlineData("_private")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")] // 64 characters
    public void Field_names_that_look_like_field_names_are_named(string name) => Assert.Equal(name, JsonBody.SafeName(name));

    [Fact]
    public async Task Wrong_types_are_invalid_parameter_without_the_value()
    {
        using var body = await Read("""{"certificate":12345,"labels":["ok",42],"fallback":"secret-value","type":["x"]}""");
        var errors = new List<ValidationError>();

        Assert.Null(body.String("certificate", errors));
        Assert.Null(body.StringArray("labels", errors));
        Assert.Null(body.Bool("fallback", errors));
        Assert.Null(body.String("type", errors));

        Assert.Equal(["certificate", "labels", "fallback", "type"], errors.Select(e => e.Field));
        Assert.All(errors, e => Assert.Equal("invalid_parameter", e.Code));
        Assert.All(errors, e => Assert.DoesNotContain("secret-value", e.Message));
        Assert.All(errors, e => Assert.DoesNotContain("12345", e.Message));
    }

    [Fact]
    public async Task Body_of_exactly_one_mebibyte_is_read()
    {
        var json = Padded(JsonBody.MaxBytes);

        using var body = await Read(json);
        using var unannounced = await Read(json, sendLength: false);

        Assert.True(body.Has("certificate"));
        Assert.True(unannounced.Has("certificate"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Body_over_one_mebibyte_is_payload_too_large(bool sendLength)
    {
        var error = await Refused(Padded(JsonBody.MaxBytes + 1), sendLength);

        Assert.Equal(413, error.Status);
        Assert.Equal("payload_too_large", error.Code);
    }

    [Fact]
    public async Task Announced_length_over_the_limit_is_refused_before_reading()
    {
        var request = Body("{}");
        request.ContentLength = JsonBody.MaxBytes + 1L;

        var error = await Assert.ThrowsAsync<ApiError>(() => JsonBody.ReadAsync(request, Writable, ReadOnly, CancellationToken.None));

        Assert.Equal(413, error.Status);
        Assert.Equal(0, request.Body.Position);
    }

    /// <summary>A valid JSON object of exactly <paramref name="bytes"/> UTF-8 bytes.</summary>
    private static string Padded(int bytes)
    {
        const string Head = "{\"certificate\":\"", Tail = "\"}";
        var json = Head + new string('x', bytes - Head.Length - Tail.Length) + Tail;
        Assert.Equal(bytes, Encoding.UTF8.GetByteCount(json));
        return json;
    }
}
