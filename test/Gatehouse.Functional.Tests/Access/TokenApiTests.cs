using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gatehouse.Functional.Tests.Api;
using Gatehouse.Testing.Process;

namespace Gatehouse.Functional.Tests.Access;

/// <summary>Named tokens (DESIGN.md §14) on <c>gatehouse up</c>: the secret shown once, stored as a hash only, revocable, expiring.</summary>
public sealed partial class TokenApiTests(GatehouseFixture fixture) : IClassFixture<GatehouseFixture>
{
    [Fact]
    public async Task A_created_token_is_shown_once_and_then_listed_without_its_secret()
    {
        using var admin = fixture.Process.AdminClient();
        var expires = DateTimeOffset.UtcNow.AddDays(30);
        var (status, created, text) = await admin.SendAsync(HttpMethod.Post, "/api/v1/tokens",
            new JsonObject { ["name"] = "ci-deploy", ["role"] = "operator", ["expires_at"] = expires.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'") });
        Assert.True(status == 201, text);
        var secret = created.GetProperty("secret").GetString()!;
        Assert.Matches(SecretShape(), secret);
        Assert.Equal("operator", created.GetProperty("role").GetString());

        using var named = fixture.Process.AdminClient(secret);
        Assert.Equal(200, (await named.SendAsync(HttpMethod.Get, "/api/v1/ssls")).Status);

        var listed = await Eventually.ValueAsync(async () =>
        {
            var item = await NamedTokens.FindAsync(admin, "ci-deploy");
            return item is { } i && i.GetProperty("last_used_at").ValueKind == System.Text.Json.JsonValueKind.String ? item : null;
        }, TimeSpan.FromSeconds(5));
        Assert.NotNull(listed);
        var token = listed.Value;
        Assert.Equal("operator", token.GetProperty("role").GetString());
        Assert.True(DateTimeOffset.UtcNow - DateTimeOffset.Parse(token.GetProperty("created_at").GetString()!) < TimeSpan.FromMinutes(5));
        Assert.StartsWith(expires.ToString("yyyy-MM-dd'T'HH:mm:ss"), token.GetProperty("expires_at").GetString());
        Assert.False(token.GetProperty("expired").GetBoolean());
        Assert.False(token.TryGetProperty("secret", out _));
        var (_, _, listText) = await admin.SendAsync(HttpMethod.Get, "/api/v1/tokens");
        Assert.DoesNotContain(secret, listText);
        Assert.DoesNotContain(secret[TokenPrefixLength..], listText);
    }

    [Fact]
    public async Task The_create_response_is_not_cached()
    {
        using var admin = fixture.Process.AdminClient();
        using var response = await admin.PostAsync("/api/v1/tokens", SslJson.Content("""{"name":"no-cache","role":"viewer"}"""));
        Assert.Equal(201, (int)response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal("/api/v1/tokens/no-cache", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task A_deleted_token_is_refused_at_once()
    {
        using var admin = fixture.Process.AdminClient();
        var secret = await NamedTokens.CreateAsync(admin, "short-lived", "viewer");
        using var named = fixture.Process.AdminClient(secret);
        Assert.Equal(200, (await named.SendAsync(HttpMethod.Get, "/api/v1/services")).Status);

        Assert.Equal(204, (await admin.SendAsync(HttpMethod.Delete, "/api/v1/tokens/short-lived")).Status);
        var (status, body, _) = await named.SendAsync(HttpMethod.Get, "/api/v1/services");
        Assert.Equal(401, status);
        Assert.Equal("unauthorized", body.Code());
        Assert.Null(await NamedTokens.FindAsync(admin, "short-lived"));
        Assert.Equal(404, (await admin.SendAsync(HttpMethod.Delete, "/api/v1/tokens/short-lived")).Status);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        using var admin = fixture.Process.AdminClient();
        var expires = DateTimeOffset.UtcNow.AddSeconds(10);
        var secret = await NamedTokens.CreateAsync(admin, "expiring", "viewer", expires);
        using var named = fixture.Process.AdminClient(secret);
        Assert.Equal(200, (await named.SendAsync(HttpMethod.Get, "/api/v1/ssls")).Status);

        await Task.Delay(expires - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(300));
        Assert.Equal(401, (await named.SendAsync(HttpMethod.Get, "/api/v1/ssls")).Status);
        var listed = await NamedTokens.FindAsync(admin, "expiring");
        Assert.True(listed!.Value.GetProperty("expired").GetBoolean());
    }

    [Fact]
    public async Task Bad_token_requests_report_every_error()
    {
        using var admin = fixture.Process.AdminClient();
        var (status, body, _) = await admin.SendAsync(HttpMethod.Post, "/api/v1/tokens",
            new JsonObject { ["name"] = "Has Spaces", ["role"] = "root", ["expires_at"] = "2001-01-01T00:00:00Z" });
        Assert.Equal(400, status);
        Assert.Equal(["invalid_parameter", "invalid_parameter", "invalid_parameter"], body.DetailCodes());

        (status, body, _) = await admin.SendAsync(HttpMethod.Post, "/api/v1/tokens", new JsonObject { ["secret"] = "x" });
        Assert.Equal(400, status);
        Assert.Equal("read_only_field", body.Code());

        (status, body, _) = await admin.SendAsync(HttpMethod.Post, "/api/v1/tokens", new JsonObject { ["name"] = "bootstrap", ["role"] = "admin" });
        Assert.Equal(400, status);
        Assert.Equal("invalid_parameter", body.Code());

        (status, body, _) = await admin.SendAsync(HttpMethod.Post, "/api/v1/tokens", new JsonObject());
        Assert.Equal(["missing_field", "missing_field"], body.DetailCodes());
    }

    [Fact]
    public async Task A_name_is_unique()
    {
        using var admin = fixture.Process.AdminClient();
        await NamedTokens.CreateAsync(admin, "unique-name", "viewer");
        var (status, body, _) = await admin.SendAsync(HttpMethod.Post, "/api/v1/tokens", new JsonObject { ["name"] = "unique-name", ["role"] = "admin" });
        Assert.Equal(409, status);
        Assert.Equal("name_conflict", body.Code());
    }

    [Fact]
    public async Task The_secret_is_in_no_log_line_and_the_store_holds_only_its_hash()
    {
        using var admin = fixture.Process.AdminClient();
        var secret = await NamedTokens.CreateAsync(admin, "hash-only", "admin");
        using var named = fixture.Process.AdminClient(secret);
        Assert.Equal(200, (await named.SendAsync(HttpMethod.Get, "/api/v1/tokens")).Status);
        Assert.Equal(404, (await named.SendAsync(HttpMethod.Delete, "/api/v1/tokens/no-such-token-x")).Status);

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));
        var storeText = StoreFiles.ReadAll(fixture.Process.DataDirectory);
        Assert.Contains(hash, storeText);
        Assert.DoesNotContain(secret, storeText);
        Assert.DoesNotContain(secret[TokenPrefixLength..], storeText);
        Assert.DoesNotContain(secret, fixture.Process.Output);
        Assert.Contains("audit: bootstrap via api@127.0.0.1 create token hash-only role admin", fixture.Process.Output);
    }

    private const int TokenPrefixLength = 4;

    [GeneratedRegex("^ght_[A-Za-z0-9_-]{43}$")]
    private static partial Regex SecretShape();
}
