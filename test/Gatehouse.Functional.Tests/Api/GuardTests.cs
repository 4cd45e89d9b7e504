using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Testing.Pki;

namespace Gatehouse.Functional.Tests.Api;

/// <summary>
/// The guards on SSL object writes (DESIGN.md §5): each refuses with 409 and its code, lists the affected
/// service and host, leaves the store as it was, and lets the same write through with <c>?force=true</c>.
/// </summary>
public sealed class GuardTests(GatehouseFixture fixture) : IClassFixture<GatehouseFixture>
{
    private readonly HttpClient _admin = fixture.Process.AdminClient();
    private static readonly TestCert Root = TestPki.CreateRoot("Guard Root");

    private async Task<string> HttpsServiceAsync(params string[] hosts) =>
        (await _admin.CreateServiceAsync(ServiceJson.Body(hosts, protocols: ["https"]))).Id();

    private async Task<JsonElement> GetSslAsync(string id)
    {
        var (status, body, text) = await _admin.SendAsync(HttpMethod.Get, $"/api/v1/ssls/{id}");
        Assert.True(status == 200, text);
        return body;
    }

    /// <summary>Asserts a 409 with <paramref name="code"/> whose details name the service and the host.</summary>
    private static void AssertGuarded((int Status, JsonElement Body, string Text) result, string code, string serviceId, string host)
    {
        Assert.True(result.Status == 409, $"expected 409 {code}, got {result.Status}: {result.Text}");
        Assert.Equal(code, result.Body.Code());
        Assert.All(result.Body.DetailCodes(), c => Assert.Equal(code, c));
        Assert.Contains(result.Body.DetailMessages(), m => m.Contains(serviceId, StringComparison.Ordinal) && m.Contains(host, StringComparison.Ordinal));
        Assert.Contains("force=true", result.Body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_the_only_object_covering_an_https_host_is_would_uncover_until_forced()
    {
        var ssl = await _admin.CreateAsync(SslJson.Body(Root.Issue("uncover-delete.guard.test")));
        var service = await HttpsServiceAsync("uncover-delete.guard.test");
        var id = ssl.Id();

        AssertGuarded(await _admin.SendAsync(HttpMethod.Delete, $"/api/v1/ssls/{id}?confirm={id}"), "would_uncover", service, "uncover-delete.guard.test");
        Assert.Equal(ssl.GetProperty("revision").GetInt64(), (await GetSslAsync(id)).GetProperty("revision").GetInt64());

        Assert.Equal(204, (await _admin.SendAsync(HttpMethod.Delete, $"/api/v1/ssls/{id}?confirm={id}&force=true")).Status);
        Assert.Equal(404, (await _admin.SendAsync(HttpMethod.Get, $"/api/v1/ssls/{id}")).Status);
    }

    [Fact]
    public async Task Deleting_an_object_when_another_still_covers_the_host_is_not_guarded()
    {
        var exact = await _admin.CreateAsync(SslJson.Body(Root.Issue("still.covered.guard.test")));
        await _admin.CreateAsync(SslJson.Body(Root.Issue("*.covered.guard.test")));
        await HttpsServiceAsync("still.covered.guard.test");
        Assert.Equal(204, (await _admin.SendAsync(HttpMethod.Delete, $"/api/v1/ssls/{exact.Id()}?confirm={exact.Id()}")).Status);
    }

    [Fact]
    public async Task A_put_that_drops_the_san_of_an_https_host_is_would_uncover_until_forced()
    {
        var ssl = await _admin.CreateAsync(SslJson.Body(Root.Issue("keep.san.guard.test", "drop.san.guard.test")));
        var service = await HttpsServiceAsync("drop.san.guard.test");
        var id = ssl.Id();
        var narrower = SslJson.Body(Root.Issue("keep.san.guard.test"));

        AssertGuarded(await _admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{id}", narrower), "would_uncover", service, "drop.san.guard.test");
        Assert.Equal(ssl.GetProperty("fingerprint_sha256").GetString(), (await GetSslAsync(id)).GetProperty("fingerprint_sha256").GetString());

        var (status, updated, text) = await _admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{id}?force=true", narrower);
        Assert.True(status == 200, text);
        Assert.Equal(["keep.san.guard.test"], updated.GetProperty("snis").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Deleting_a_client_object_named_by_client_ssl_id_is_in_use_until_forced()
    {
        var client = await _admin.CreateAsync(SslJson.Body(
            Root.Issue(new CertSpec { DnsNames = null, ExtendedKeyUsages = [Oids.ClientAuth] }), type: "client"));
        var id = client.Id();
        var service = (await _admin.CreateServiceAsync(ServiceJson.Body(["in-use.guard.test"],
            upstream: ServiceJson.Upstream(scheme: "https", clientSslId: id)))).Id();

        var refused = await _admin.SendAsync(HttpMethod.Delete, $"/api/v1/ssls/{id}?confirm={id}");
        AssertGuarded(refused, "in_use", service, "in-use.guard.test");
        Assert.Contains(("upstream.client_ssl_id", "in_use"), refused.Body.Details());
        await GetSslAsync(id);

        Assert.Equal(204, (await _admin.SendAsync(HttpMethod.Delete, $"/api/v1/ssls/{id}?confirm={id}&force=true")).Status);
    }

    [Fact]
    public async Task A_put_without_the_ca_certificate_is_peer_auth_downgrade_until_forced()
    {
        var cert = Root.Issue("mtls-put.guard.test");
        var ssl = await _admin.CreateAsync(SslJson.Body(cert, ca: TestPki.CreateRoot("Client CA").CertPem));
        var service = await HttpsServiceAsync("mtls-put.guard.test");
        var id = ssl.Id();

        AssertGuarded(await _admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{id}", SslJson.Body(cert, withKey: false)),
            "peer_auth_downgrade", service, "mtls-put.guard.test");
        var stored = await GetSslAsync(id);
        Assert.True(stored.GetProperty("peer_authentication").GetBoolean());
        Assert.Equal(ssl.GetProperty("revision").GetInt64(), stored.GetProperty("revision").GetInt64());

        // Another CA set is a downgrade too: clients of the old CA would be refused, others let in.
        AssertGuarded(await _admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{id}",
            SslJson.Body(cert, withKey: false, ca: TestPki.CreateRoot("Other Client CA").CertPem)), "peer_auth_downgrade", service, "mtls-put.guard.test");

        var (status, updated, text) = await _admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{id}?force=true", SslJson.Body(cert, withKey: false));
        Assert.True(status == 200, text);
        Assert.False(updated.GetProperty("peer_authentication").GetBoolean());
    }

    [Fact]
    public async Task Posting_a_newer_certificate_without_the_ca_for_the_same_host_is_peer_auth_downgrade_until_forced()
    {
        var old = await _admin.CreateAsync(SslJson.Body(
            Root.Issue(new CertSpec { CommonName = "mtls-post", DnsNames = ["mtls-post.guard.test"], NotAfter = DateTimeOffset.UtcNow.AddDays(30) }),
            ca: TestPki.CreateRoot("Client CA").CertPem));
        var service = await HttpsServiceAsync("mtls-post.guard.test");
        var renewed = SslJson.Body(Root.Issue(new CertSpec
        {
            CommonName = "mtls-post", DnsNames = ["mtls-post.guard.test"], NotAfter = DateTimeOffset.UtcNow.AddDays(365),
        }));

        AssertGuarded(await _admin.SendAsync(HttpMethod.Post, "/api/v1/ssls", renewed), "peer_auth_downgrade", service, "mtls-post.guard.test");
        var (_, explained, _) = await _admin.SendAsync(HttpMethod.Get, "/api/v1/sni/mtls-post.guard.test");
        Assert.Equal(old.Id(), explained.GetProperty("winner").GetString());
        Assert.Equal(1, explained.GetProperty("candidates").GetArrayLength());

        var (status, created, text) = await _admin.SendAsync(HttpMethod.Post, "/api/v1/ssls?force=true", renewed);
        Assert.True(status == 201, text);
        (_, explained, _) = await _admin.SendAsync(HttpMethod.Get, "/api/v1/sni/mtls-post.guard.test");
        Assert.Equal(created.Id(), explained.GetProperty("winner").GetString());
    }

    [Fact]
    public async Task An_exact_object_without_the_ca_under_a_peer_authenticated_wildcard_host_is_peer_auth_downgrade_until_forced()
    {
        await _admin.CreateAsync(SslJson.Body(Root.Issue("*.wild.guard.test"), ca: TestPki.CreateRoot("Wild Client CA").CertPem));
        var service = await HttpsServiceAsync("*.wild.guard.test");
        var exact = SslJson.Body(Root.Issue("a.wild.guard.test"));

        AssertGuarded(await _admin.SendAsync(HttpMethod.Post, "/api/v1/ssls", exact), "peer_auth_downgrade", service, "a.wild.guard.test");
        var (status, _, text) = await _admin.SendAsync(HttpMethod.Post, "/api/v1/ssls?force=true", exact);
        Assert.True(status == 201, text);
        // The service now says which name under its wildcard escapes peer authentication.
        var (_, view, _) = await _admin.SendAsync(HttpMethod.Get, $"/api/v1/services/{service}");
        var warnings = view.GetProperty("tls_coverage")[0].GetProperty("warnings").EnumerateArray().Select(w => w.GetString()).ToList();
        Assert.Contains(warnings, w => w!.Contains("a.wild.guard.test", StringComparison.Ordinal) && w.Contains("no peer authentication", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Posting_an_older_certificate_without_a_ca_that_does_not_win_is_not_guarded()
    {
        var winner = Root.Issue(new CertSpec { CommonName = "mtls-older", DnsNames = ["mtls-older.guard.test"], NotAfter = DateTimeOffset.UtcNow.AddDays(365) });
        await _admin.CreateAsync(SslJson.Body(winner, ca: TestPki.CreateRoot("Client CA").CertPem));
        var service = await HttpsServiceAsync("mtls-older.guard.test");
        var older = SslJson.Body(Root.Issue(new CertSpec { CommonName = "mtls-older", DnsNames = ["mtls-older.guard.test"], NotAfter = DateTimeOffset.UtcNow.AddDays(30) }));

        // Not forced, and accepted: the new object loses selection, so the host keeps its peer authentication.
        var (status, created, text) = await _admin.SendAsync(HttpMethod.Post, "/api/v1/ssls", older);
        Assert.True(status == 201, text);
        var (_, view, _) = await _admin.SendAsync(HttpMethod.Get, $"/api/v1/services/{service}");
        var coverage = Assert.Single(view.GetProperty("tls_coverage").EnumerateArray());
        Assert.True(coverage.GetProperty("peer_authentication").GetBoolean());
        Assert.NotEqual(created.Id(), coverage.GetProperty("ssl_id").GetString());
        await GatewayRevision.WaitForAsync(fixture.Process, created.GetProperty("revision").GetInt64());
        Assert.Equal(winner.FingerprintSha256,
            await Gatehouse.Testing.Tls.OpenSslClient.ServedFingerprintAsync(fixture.Process.HttpsPort, "mtls-older.guard.test"));
    }

    [Fact]
    public async Task A_dry_run_put_lists_the_host_that_would_lose_its_certificate_and_stores_nothing()
    {
        var ssl = await _admin.CreateAsync(SslJson.Body(Root.Issue("stay.dry.guard.test", "lose.dry.guard.test")));
        var service = await HttpsServiceAsync("lose.dry.guard.test", "stay.dry.guard.test");
        var id = ssl.Id();

        var (status, result, text) = await _admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{id}?dry_run=true",
            SslJson.Body(Root.Issue("stay.dry.guard.test", "new.dry.guard.test")));
        Assert.True(status == 200, text);
        Assert.True(result.GetProperty("dry_run").GetBoolean());
        var impact = result.GetProperty("impact");
        Assert.Equal(["new.dry.guard.test"], impact.GetProperty("snis_added").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["lose.dry.guard.test"], impact.GetProperty("snis_removed").EnumerateArray().Select(s => s.GetString()));
        var losing = Assert.Single(impact.GetProperty("hosts_losing").EnumerateArray());
        Assert.Equal((service, "lose.dry.guard.test"), (losing.GetProperty("service_id").GetString(), losing.GetProperty("host").GetString()));
        Assert.Equal(0, impact.GetProperty("hosts_gaining").GetArrayLength());
        Assert.Equal(0, impact.GetProperty("peer_auth_changes").GetArrayLength());

        var stored = await GetSslAsync(id);
        Assert.Equal(ssl.GetProperty("revision").GetInt64(), stored.GetProperty("revision").GetInt64());
        Assert.Equal(ssl.GetProperty("fingerprint_sha256").GetString(), stored.GetProperty("fingerprint_sha256").GetString());
        // And the gateway still serves the original certificate for the host that would have lost it.
        await GatewayRevision.WaitForAsync(fixture.Process, await RevisionAsync(), TimeSpan.FromSeconds(5));
        Assert.Equal(ssl.GetProperty("fingerprint_sha256").GetString(),
            await Gatehouse.Testing.Tls.OpenSslClient.ServedFingerprintAsync(fixture.Process.HttpsPort, "lose.dry.guard.test"));
    }

    [Fact]
    public async Task Two_concurrent_deletes_that_each_keep_the_others_guard_cannot_both_win()
    {
        for (var round = 0; round < 5; round++)
        {
            var host = $"race{round}.guard.test";
            var first = (await _admin.CreateAsync(SslJson.Body(Root.Issue(host)))).Id();
            var second = (await _admin.CreateAsync(SslJson.Body(Root.Issue(host)))).Id();
            var service = await HttpsServiceAsync(host);

            // Each delete alone is safe (the other object still covers the host); both together would uncover it.
            var results = await Task.WhenAll(new[] { first, second }.Select(id => Task.Run(() =>
                _admin.SendAsync(HttpMethod.Delete, $"/api/v1/ssls/{id}?confirm={id}"))));

            Assert.Equal([204, 409], results.Select(r => r.Status).Order());
            AssertGuarded(results.Single(r => r.Status == 409), "would_uncover", service, host);
            var (_, view, _) = await _admin.SendAsync(HttpMethod.Get, $"/api/v1/services/{service}");
            Assert.NotEqual(JsonValueKind.Null, Assert.Single(view.GetProperty("tls_coverage").EnumerateArray()).GetProperty("ssl_id").ValueKind);
        }
    }

    private async Task<long> RevisionAsync()
    {
        using var anonymous = fixture.Process.AdminClient(token: null);
        return JsonDocument.Parse(await anonymous.GetStringAsync("/healthz")).RootElement.GetProperty("revision").GetInt64();
    }

    [Fact]
    public async Task A_dry_run_lists_hosts_gaining_coverage_and_peer_auth_changes()
    {
        var service = await HttpsServiceAsync("gain.dry.guard.test");
        var (status, result, text) = await _admin.SendAsync(HttpMethod.Post, "/api/v1/ssls?dry_run=true",
            SslJson.Body(Root.Issue("gain.dry.guard.test"), ca: TestPki.CreateRoot("Client CA").CertPem));
        Assert.True(status == 200, text);
        var impact = result.GetProperty("impact");
        var gaining = Assert.Single(impact.GetProperty("hosts_gaining").EnumerateArray());
        Assert.Equal((service, "gain.dry.guard.test"), (gaining.GetProperty("service_id").GetString(), gaining.GetProperty("host").GetString()));
        var change = Assert.Single(impact.GetProperty("peer_auth_changes").EnumerateArray());
        Assert.Equal((service, "gain.dry.guard.test", false, true),
            (change.GetProperty("service_id").GetString(), change.GetProperty("host").GetString(),
             change.GetProperty("before").GetBoolean(), change.GetProperty("after").GetBoolean()));
        Assert.Empty(await SslIdsForAsync("gain.dry.guard.test"));
    }

    private async Task<IReadOnlyList<string>> SslIdsForAsync(string sni)
    {
        var (_, page, _) = await _admin.SendAsync(HttpMethod.Get, $"/api/v1/ssls?sni={sni}");
        return [.. page.GetProperty("items").EnumerateArray().Select(i => i.Id())];
    }

    [Fact]
    public async Task Force_must_be_true_or_false()
    {
        var ssl = await _admin.CreateAsync(SslJson.Body(Root.Issue("force-flag.guard.test")));
        var (status, error, _) = await _admin.SendAsync(HttpMethod.Delete, $"/api/v1/ssls/{ssl.Id()}?confirm={ssl.Id()}&force=yes");
        Assert.Equal(400, status);
        Assert.Equal("invalid_parameter", error.Code());
    }
}
