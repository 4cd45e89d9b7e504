using System.Net;
using Gatehouse.Testing.Process;

namespace Gatehouse.Functional.Tests.Api;

public sealed class AuthTests(GatehouseFixture fixture) : IClassFixture<GatehouseFixture>
{
    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token-wrong-token-wrong-token-wrong")]
    [InlineData("")]
    public async Task Api_without_the_right_bearer_token_is_401_unauthorized(string? token)
    {
        using var client = fixture.Process.AdminClient(token);
        var (status, body, _) = await client.SendAsync(HttpMethod.Get, "/api/v1/ssls");
        Assert.Equal(401, status);
        Assert.Equal("unauthorized", body.Code());
    }

    [Fact]
    public async Task A_cookie_is_not_accepted_in_place_of_the_token()
    {
        using var client = fixture.Process.AdminClient(token: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/ssls");
        request.Headers.Add("Cookie", $"token={GatehouseProcess.Token}; session={GatehouseProcess.Token}");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_right_token_is_accepted()
    {
        using var client = fixture.Process.AdminClient();
        var (status, _, _) = await client.SendAsync(HttpMethod.Get, "/api/v1/ssls");
        Assert.Equal(200, status);
    }
}
