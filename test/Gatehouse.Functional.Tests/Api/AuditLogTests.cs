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
        Assert.Contains($"audit: api@127.0.0.1 create ssl {id} at revision {revision}", output);
        Assert.Contains($"audit: api@127.0.0.1 delete ssl {id} at revision {revision + 1}", output);
        foreach (var line in SslJson.Base64Lines(cert.KeyPem)) Assert.DoesNotContain(line, output);
    }
}
