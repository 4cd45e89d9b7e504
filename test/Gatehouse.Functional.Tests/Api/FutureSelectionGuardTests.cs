using Gatehouse.Testing.Pki;

namespace Gatehouse.Functional.Tests.Api;

/// <summary>
/// Issue 9, item 2: the guards look at every future instant at which selection for an affected host changes (each
/// candidate's not_before and not_after), not only at the present, and name that instant.
/// </summary>
public sealed class FutureSelectionGuardTests(GatehouseFixture fixture) : IClassFixture<GatehouseFixture>
{
    private static readonly TestCert Root = TestPki.CreateRoot("Future Guard Root");
    private readonly HttpClient _admin = fixture.Process.AdminClient();

    private static string Rfc3339(DateTime instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");

    [Fact]
    public async Task An_object_without_the_ca_that_wins_tomorrow_is_peer_auth_downgrade_naming_the_date()
    {
        const string host = "tomorrow.future.test";
        await _admin.CreateAsync(SslJson.Body(
            Root.Issue(new CertSpec { CommonName = host, DnsNames = [host], NotAfter = DateTimeOffset.UtcNow.AddDays(30) }),
            ca: TestPki.CreateRoot("Future Client CA").CertPem));
        var service = (await _admin.CreateServiceAsync(ServiceJson.Body([host], protocols: ["https"]))).Id();
        var tomorrow = Root.Issue(new CertSpec
        {
            CommonName = host, DnsNames = [host], NotBefore = DateTimeOffset.UtcNow.AddDays(1), NotAfter = DateTimeOffset.UtcNow.AddDays(60),
        });
        var when = Rfc3339(tomorrow.Certificate.NotBefore);

        var (status, refused, text) = await _admin.SendAsync(HttpMethod.Post, "/api/v1/ssls", SslJson.Body(tomorrow));
        Assert.True(status == 409, $"expected 409 peer_auth_downgrade, got {status}: {text}");
        Assert.Equal("peer_auth_downgrade", refused.Code());
        Assert.Contains(refused.DetailMessages(), m => m.Contains(service, StringComparison.Ordinal)
            && m.Contains(host, StringComparison.Ordinal) && m.Contains(when, StringComparison.Ordinal));

        var (dryStatus, dry, dryText) = await _admin.SendAsync(HttpMethod.Post, "/api/v1/ssls?dry_run=true", SslJson.Body(tomorrow));
        Assert.True(dryStatus == 200, dryText);
        var change = Assert.Single(dry.GetProperty("impact").GetProperty("peer_auth_changes").EnumerateArray());
        Assert.Equal((service, host, true, false), (change.GetProperty("service_id").GetString(), change.GetProperty("host").GetString(),
            change.GetProperty("before").GetBoolean(), change.GetProperty("after").GetBoolean()));
        Assert.Equal(when, change.GetProperty("effective_at").GetString());

        var (forcedStatus, _, forcedText) = await _admin.SendAsync(HttpMethod.Post, "/api/v1/ssls?force=true", SslJson.Body(tomorrow));
        Assert.True(forcedStatus == 201, forcedText);
    }

    [Fact]
    public async Task A_change_that_happens_now_has_no_effective_date()
    {
        const string host = "now.future.test";
        await _admin.CreateServiceAsync(ServiceJson.Body([host], protocols: ["https"]));
        var (status, dry, text) = await _admin.SendAsync(HttpMethod.Post, "/api/v1/ssls?dry_run=true",
            SslJson.Body(Root.Issue(host), ca: TestPki.CreateRoot("Now Client CA").CertPem));
        Assert.True(status == 200, text);
        var change = Assert.Single(dry.GetProperty("impact").GetProperty("peer_auth_changes").EnumerateArray());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, change.GetProperty("effective_at").ValueKind);
    }
}
