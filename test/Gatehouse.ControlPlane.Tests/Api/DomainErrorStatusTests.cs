using System.Text.Json;
using Gatehouse.ControlPlane.Api;
using Gatehouse.Core.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gatehouse.ControlPlane.Tests.Api;

public sealed class DomainErrorStatusTests
{
    /// <summary>The whole table: a kind added without a status here fails <see cref="Every_kind_has_a_status"/>.</summary>
    private static readonly Dictionary<DomainErrorKind, int> Table = new()
    {
        [DomainErrorKind.Invalid] = 400,
        [DomainErrorKind.NotFound] = 404,
        [DomainErrorKind.Conflict] = 409,
        [DomainErrorKind.Guarded] = 409,
        [DomainErrorKind.Stale] = 412,
    };

    [Fact]
    public void Every_kind_has_a_status()
    {
        Assert.Equal(Enum.GetValues<DomainErrorKind>().Order(), Table.Keys.Order());
        foreach (var (kind, status) in Table) Assert.Equal(status, DomainErrorStatus.Of(kind));
    }

    [Fact]
    public void An_unknown_kind_is_refused_not_guessed() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DomainErrorStatus.Of((DomainErrorKind)99));

    [Theory]
    [InlineData("key_mismatch", 400)]
    [InlineData("invalid_parameter", 400)]
    [InlineData("name_conflict", 400)]
    [InlineData("fallback_conflict", 409)]
    [InlineData("route_conflict", 409)]
    [InlineData("in_use", 409)]
    [InlineData("would_uncover", 409)]
    [InlineData("peer_auth_downgrade", 409)]
    [InlineData("revision_conflict", 412)]
    [InlineData("not_found", 404)]
    public void Refused_input_answers_the_status_its_first_code_had(string code, int status)
    {
        var errors = new ValidationErrors([new ValidationError("f", code, "first"), new ValidationError(null, "other", "second")]);
        var error = DomainErrorStatus.ToApiError(DomainError.FromValidation(errors));
        Assert.Equal(status, error.Status);
        Assert.Equal(errors.Errors, error.Details);
    }

    [Fact]
    public void Named_refusals_keep_their_codes_and_messages()
    {
        var missing = DomainErrorStatus.ToApiError(DomainError.NotFound("service"));
        Assert.Equal((404, "not_found", "No service has that id."), (missing.Status, missing.Code, missing.Details[0].Message));
        var stale = DomainErrorStatus.ToApiError(DomainError.Stale("object"));
        Assert.Equal((412, "revision_conflict", "The object changed since you read it (If-Match is stale): read it again and retry."),
            (stale.Status, stale.Code, stale.Details[0].Message));
    }

    [Fact]
    public async Task The_middleware_answers_a_domain_refusal_with_its_status_and_every_detail()
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        var middleware = new ErrorHandlingMiddleware(_ => throw new DomainError(DomainErrorKind.Guarded,
            [new(null, "would_uncover", "guarded"), new("a.example", "would_uncover", "Service s: HTTPS host a.example would have no certificate left.")]),
            NullLogger<ErrorHandlingMiddleware>.Instance);

        await middleware.InvokeAsync(context);

        Assert.Equal(409, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        using var body = await JsonDocument.ParseAsync(context.Response.Body);
        var error = body.RootElement.GetProperty("error");
        Assert.Equal("would_uncover", error.GetProperty("code").GetString());
        Assert.Equal("guarded", error.GetProperty("message").GetString());
        var details = error.GetProperty("details").EnumerateArray().ToList();
        Assert.Equal(2, details.Count);
        Assert.Equal(JsonValueKind.Null, details[0].GetProperty("field").ValueKind);
        Assert.Equal("a.example", details[1].GetProperty("field").GetString());
    }
}
