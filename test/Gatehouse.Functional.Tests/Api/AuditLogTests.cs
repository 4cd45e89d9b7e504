using Gatehouse.Testing.Pki;

namespace Gatehouse.Functional.Tests.Api;

/// <summary>One audit line per admin write: who, what, the id and the revision — never key material.</summary>
public sealed class AuditLogTests(GatehouseFixture fixture) : IClassFixture<GatehouseFixture>
{
    [Fact]
    public async Task Every_write_is_audited_with_actor_action_id_and_revision()
    {
        using var admin = fixture.Process.AdminClient();
        var cert = TestPki.SelfSigned("audit.test");
        var created = await admin.CreateAsync(SslJson.Body(cert));
        var id = created.GetProperty("id").GetString()!;
        var revision = created.GetProperty("revision").GetInt64();
        var (status, _, _) = await admin.SendAsync(HttpMethod.Delete, $"/api/v1/ssls/{id}?confirm={id}");
        Assert.Equal(204, status);

        await Eventually.ValueAsync(() => Task.FromResult<string?>(fixture.Process.Output.Contains($"delete ssl {id}") ? "seen" : null),
            TimeSpan.FromSeconds(2));
        var output = fixture.Process.Output;
        Assert.Contains($"audit: bootstrap via api@127.0.0.1 create ssl {id} at revision {revision}", output);
        Assert.Contains($"audit: bootstrap via api@127.0.0.1 delete ssl {id} at revision {revision + 1}", output);
        foreach (var line in SslJson.Base64Lines(cert.KeyPem)) Assert.DoesNotContain(line, output);
    }

    [Fact]
    public async Task A_named_token_write_names_its_principal_never_its_secret()
    {
        using var admin = fixture.Process.AdminClient();
        var secret = await Access.NamedTokens.CreateAsync(admin, "release-bot", "operator");
        using var bot = fixture.Process.AdminClient(secret);
        var created = await bot.CreateAsync(SslJson.Body(TestPki.SelfSigned("bot.test")));
        var id = created.GetProperty("id").GetString()!;

        var line = await Eventually.ValueAsync(() => Task.FromResult(fixture.Process.Output.Split('\n').FirstOrDefault(l => l.Contains($"create ssl {id}"))),
            TimeSpan.FromSeconds(2));
        Assert.NotNull(line);
        Assert.Contains($"audit: release-bot via api@127.0.0.1 create ssl {id}", line);
        Assert.DoesNotContain(secret, fixture.Process.Output);
    }
}
