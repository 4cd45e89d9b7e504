using System.Text.Json.Nodes;
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

    [Fact]
    public async Task Notifier_issuer_and_managed_object_writes_are_audited_too_without_their_secrets()
    {
        using var admin = fixture.Process.AdminClient();
        const string secret = "audit-webhook-secret-0123456789";
        var (status, notifier, text) = await admin.SendAsync(HttpMethod.Post, "/api/v1/notifiers",
            new JsonObject { ["url"] = "http://127.0.0.1:9/audit-hook", ["secret"] = secret });
        Assert.True(status == 201, text);
        var notifierId = notifier.GetProperty("id").GetString()!;
        (status, _, text) = await admin.SendAsync(HttpMethod.Delete, $"/api/v1/notifiers/{notifierId}");
        Assert.True(status == 204, text);

        // Nothing contacts the directory until an order is due; 127.0.0.1:9 refuses at once when it is.
        var (issuerStatus, issuer, issuerText) = await admin.SendAsync(HttpMethod.Post, "/api/v1/acme/issuers",
            new JsonObject { ["directory_url"] = "https://127.0.0.1:9/directory", ["contact"] = new JsonArray("mailto:ops@audit.test") });
        Assert.True(issuerStatus == 201, issuerText);
        var issuerId = issuer.GetProperty("id").GetString()!;
        var (managedStatus, managed, managedText) = await admin.SendAsync(HttpMethod.Post, "/api/v1/ssls",
            new JsonObject { ["acme"] = new JsonObject { ["issuer"] = issuerId, ["domains"] = new JsonArray("managed.audit.test") } });
        Assert.True(managedStatus == 201, managedText);
        var managedId = managed.GetProperty("id").GetString()!;

        string[] expected =
        [
            $"audit: bootstrap via api@127.0.0.1 create notifier {notifierId} at revision ",
            $"audit: bootstrap via api@127.0.0.1 delete notifier {notifierId} at revision ",
            $"audit: bootstrap via api@127.0.0.1 create acme_issuer {issuerId} at revision ",
            $"audit: bootstrap via api@127.0.0.1 create managed_ssl {managedId} at revision ",
        ];
        await Eventually.ValueAsync(() => Task.FromResult<string?>(expected.All(fixture.Process.Output.Contains) ? "seen" : null),
            TimeSpan.FromSeconds(5));
        var output = fixture.Process.Output;
        foreach (var line in expected) Assert.Contains(line, output);
        Assert.DoesNotContain(secret, output);
    }
}
