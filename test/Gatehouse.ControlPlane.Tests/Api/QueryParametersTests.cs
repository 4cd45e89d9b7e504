using Gatehouse.ControlPlane.Api;
using Gatehouse.Hosting.Errors;
using static Gatehouse.ControlPlane.Tests.Api.JsonRequests;

namespace Gatehouse.ControlPlane.Tests.Api;

public sealed class QueryParametersTests
{
    private const string Pasted = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";

    private static void AssertInvalid(string field, Action read)
    {
        var error = Assert.Throws<ApiError>(read);
        Assert.Equal(400, error.Status);
        var detail = Assert.Single(error.Details);
        Assert.Equal((field, "invalid_parameter"), (detail.Field, detail.Code));
    }

    [Fact]
    public void Refused_values_are_not_echoed()
    {
        var request = Query($"?dry_run={Pasted}&limit={Pasted}&expiring_within={Pasted}", ifMatch: Pasted);
        ApiError[] errors =
        [
            Assert.Throws<ApiError>(() => QueryParameters.Flag(request, "dry_run")),
            Assert.Throws<ApiError>(() => QueryParameters.Limit(request)),
            Assert.Throws<ApiError>(() => QueryParameters.Duration(request, "expiring_within")),
            Assert.Throws<ApiError>(() => QueryParameters.IfMatch(request)),
        ];

        Assert.All(errors, e => Assert.DoesNotContain(Pasted, e.Details[0].Message));
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("?dry_run=", false)]
    [InlineData("?dry_run=false", false)]
    [InlineData("?dry_run=true", true)]
    [InlineData("?other=true", false)]
    public void Flag_reads_true_and_false(string query, bool expected) =>
        Assert.Equal(expected, QueryParameters.Flag(Query(query), "dry_run"));

    [Theory]
    [InlineData("TRUE")]
    [InlineData("1")]
    [InlineData("yes")]
    [InlineData("tru")]
    public void Flag_refuses_other_values(string value) =>
        AssertInvalid("dry_run", () => QueryParameters.Flag(Query($"?dry_run={value}"), "dry_run"));

    [Fact]
    public void Flag_refuses_a_repeated_parameter() =>
        AssertInvalid("force", () => QueryParameters.Flag(Query("?force=true&force=true"), "force"));

    [Theory]
    [InlineData("", 100)]
    [InlineData("?limit=1", 1)]
    [InlineData("?limit=50", 50)]
    [InlineData("?limit=1000", 1000)]
    public void Limit_defaults_to_100_within_1_to_1000(string query, int expected) =>
        Assert.Equal(expected, QueryParameters.Limit(Query(query)));

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("-5")]
    [InlineData("abc")]
    [InlineData("1e3")]
    [InlineData("10.5")]
    [InlineData("99999999999")]
    public void Limit_refuses_values_out_of_bounds(string value) =>
        AssertInvalid("limit", () => QueryParameters.Limit(Query($"?limit={value}")));

    [Theory]
    [InlineData("30d", 30 * 24 * 60)]
    [InlineData("12h", 12 * 60)]
    [InlineData("45m", 45)]
    [InlineData("0d", 0)]
    [InlineData("999999d", 999999L * 24 * 60)]
    public void Duration_reads_days_hours_minutes(string value, long minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), QueryParameters.Duration(Query($"?expiring_within={value}"), "expiring_within"));

    [Fact]
    public void Duration_is_null_when_absent() => Assert.Null(QueryParameters.Duration(Query(""), "expiring_within"));

    [Theory]
    [InlineData("30")]
    [InlineData("d")]
    [InlineData("30x")]
    [InlineData("30D")]
    [InlineData("-1d")]
    [InlineData("1.5d")]
    [InlineData("1d2h")]
    [InlineData("1234567d")]
    [InlineData("30d%0A")]
    [InlineData("%20%2030d")]
    public void Duration_refuses_anything_but_the_pattern(string value) =>
        AssertInvalid("expiring_within", () => QueryParameters.Duration(Query($"?expiring_within={value}"), "expiring_within"));

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("*", null)]
    [InlineData(" * ", null)]
    [InlineData("\"42\"", 42L)]
    [InlineData("W/\"42\"", 42L)]
    [InlineData(" W/\"7\" ", 7L)]
    [InlineData("42", 42L)]
    [InlineData("\"9223372036854775807\"", long.MaxValue)]
    public void If_match_names_a_revision(string? header, long? expected) =>
        Assert.Equal(expected, QueryParameters.IfMatch(Query("", header)));

    [Theory]
    [InlineData("\"0\"")]
    [InlineData("\"-3\"")]
    [InlineData("\"abc\"")]
    [InlineData("\"1\", \"2\"")]
    [InlineData("w/\"42\"")]
    [InlineData("W/")]
    [InlineData("\"9223372036854775808\"")]
    public void If_match_refuses_what_this_api_never_returned(string header) =>
        AssertInvalid("If-Match", () => QueryParameters.IfMatch(Query("", header)));

    [Fact]
    public void Etag_round_trips_through_if_match()
    {
        Assert.Equal("\"42\"", QueryParameters.ETag(42));
        Assert.Equal(42, QueryParameters.IfMatch(Query("", QueryParameters.ETag(42))));
    }
}
