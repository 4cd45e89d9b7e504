using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Testing.Pki;

namespace Gatehouse.Functional.Tests.Api;

/// <summary>The services routes of the Admin API (DESIGN.md §4, §5) against a real gatehouse.</summary>
public sealed class ServiceApiTests(GatehouseFixture fixture) : IClassFixture<GatehouseFixture>
{
    private readonly HttpClient _admin = fixture.Process.AdminClient();

    [Fact]
    public async Task Create_returns_201_with_id_location_etag_defaults_and_normalised_fields_and_get_round_trips()
    {
        var response = await _admin.PostAsync("/api/v1/services",
            SslJson.Content(ServiceJson.Body(["Shop.Crud.Svc.Test.", "*.CDN.crud.svc.test"], pathPrefix: "/api/")));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var created = JsonDocument.Parse(text).RootElement;
        var id = created.Id();
        Assert.Matches("^[0-9a-hjkmnp-tv-z]{26}$", id);
        Assert.Equal($"/api/v1/services/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal($"\"{created.GetProperty("revision").GetInt64()}\"", response.Headers.ETag!.Tag);
        Assert.Equal(["shop.crud.svc.test", "*.cdn.crud.svc.test"], created.GetProperty("hosts").EnumerateArray().Select(h => h.GetString()));
        Assert.Equal("/api", created.GetProperty("path_prefix").GetString());
        Assert.Equal(["http", "https"], created.GetProperty("protocols").EnumerateArray().Select(h => h.GetString()));
        var upstream = created.GetProperty("upstream");
        Assert.Equal("pass", upstream.GetProperty("pass_host").GetString());
        Assert.True(upstream.GetProperty("tls_verify").GetBoolean());
        Assert.Equal(1, upstream.GetProperty("targets")[0].GetProperty("weight").GetInt32());
        Assert.Equal(5000, upstream.GetProperty("timeouts").GetProperty("connect_ms").GetInt32());
        Assert.Equal(60000, upstream.GetProperty("timeouts").GetProperty("read_ms").GetInt32());
        Assert.Equal(2, created.GetProperty("tls_coverage").GetArrayLength());

        var get = await _admin.GetAsync($"/api/v1/services/{id}");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(response.Headers.ETag.Tag, get.Headers.ETag!.Tag);
        Assert.Equal(created.ToString(), JsonDocument.Parse(await get.Content.ReadAsStringAsync()).RootElement.ToString());
    }

    [Fact]
    public async Task Tls_verify_false_on_an_https_upstream_is_stored_with_a_warning()
    {
        var noVerify = ServiceJson.Upstream(scheme: "https");
        noVerify["tls_verify"] = false;
        var created = await _admin.CreateServiceAsync(ServiceJson.Body(["noverify.svc.test"], upstream: noVerify));

        Assert.False(created.GetProperty("upstream").GetProperty("tls_verify").GetBoolean());
        var warning = Assert.Single(created.GetProperty("warnings").EnumerateArray()).GetString();
        Assert.Contains("tls_verify", warning, StringComparison.Ordinal);
        var (_, read, _) = await _admin.SendAsync(HttpMethod.Get, $"/api/v1/services/{created.Id()}");
        Assert.Equal(warning, Assert.Single(read.GetProperty("warnings").EnumerateArray()).GetString());

        // Verified HTTPS, the default, carries no such warning.
        var verified = await _admin.CreateServiceAsync(ServiceJson.Body(["verify.svc.test"], upstream: ServiceJson.Upstream(scheme: "https")));
        Assert.Equal(0, verified.GetProperty("warnings").GetArrayLength());
    }

    [Fact]
    public async Task Get_of_an_unknown_or_malformed_id_is_404()
    {
        foreach (var id in new[] { "01aaaaaaaaaaaaaaaaaaaaaaaa", "nope" })
        {
            var (status, body, _) = await _admin.SendAsync(HttpMethod.Get, $"/api/v1/services/{id}");
            Assert.Equal(404, status);
            Assert.Equal("not_found", body.Code());
        }
    }

    [Fact]
    public async Task Put_replaces_with_a_fresh_etag_and_a_stale_if_match_is_412_and_changes_nothing()
    {
        var created = await _admin.CreateServiceAsync(ServiceJson.Body(["etag.svc.test"]));
        var id = created.Id();
        var first = $"\"{created.GetProperty("revision").GetInt64()}\"";

        var (status, updated, text) = await _admin.SendAsync(HttpMethod.Put, $"/api/v1/services/{id}",
            ServiceJson.Body(["etag.svc.test"], pathPrefix: "/v2"), ifMatch: first);
        Assert.True(status == 200, text);
        Assert.Equal("/v2", updated.GetProperty("path_prefix").GetString());
        Assert.True(updated.GetProperty("revision").GetInt64() > created.GetProperty("revision").GetInt64());
        Assert.Equal(created.GetProperty("created_at").GetString(), updated.GetProperty("created_at").GetString());

        var (stale, error, _) = await _admin.SendAsync(HttpMethod.Put, $"/api/v1/services/{id}",
            ServiceJson.Body(["etag.svc.test"], pathPrefix: "/v3"), ifMatch: first);
        Assert.Equal(412, stale);
        Assert.Equal("revision_conflict", error.Code());
        var (staleDelete, deleteError, _) = await _admin.SendAsync(HttpMethod.Delete, $"/api/v1/services/{id}?confirm={id}", ifMatch: first);
        Assert.Equal(412, staleDelete);
        Assert.Equal("revision_conflict", deleteError.Code());

        var (_, stored, _) = await _admin.SendAsync(HttpMethod.Get, $"/api/v1/services/{id}");
        Assert.Equal(updated.ToString(), stored.ToString());
    }

    [Fact]
    public async Task Put_of_an_unknown_id_is_404()
    {
        var (status, body, _) = await _admin.SendAsync(HttpMethod.Put, "/api/v1/services/01aaaaaaaaaaaaaaaaaaaaaaaa", ServiceJson.Body(["put404.svc.test"]));
        Assert.Equal(404, status);
        Assert.Equal("not_found", body.Code());
    }

    [Fact]
    public async Task List_pages_with_a_cursor_in_id_order_and_filters_by_normalised_host()
    {
        var ids = new List<string>();
        foreach (var prefix in new[] { "/a", "/b", "/c" })
            ids.Add((await _admin.CreateServiceAsync(ServiceJson.Body(["page.svc.test", $"{prefix[1..]}.page.svc.test"], pathPrefix: prefix))).Id());
        await _admin.CreateServiceAsync(ServiceJson.Body(["other-page.svc.test"]));

        var (status, first, text) = await _admin.SendAsync(HttpMethod.Get, "/api/v1/services?host=PAGE.svc.test.&limit=2");
        Assert.True(status == 200, text);
        var firstIds = first.GetProperty("items").EnumerateArray().Select(i => i.Id()).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal).Take(2), firstIds);
        var cursor = first.GetProperty("next_cursor").GetString();
        Assert.Equal(firstIds[1], cursor);

        var (_, second, _) = await _admin.SendAsync(HttpMethod.Get, $"/api/v1/services?host=page.svc.test&limit=2&cursor={cursor}");
        Assert.Equal(ids.Order(StringComparer.Ordinal).Skip(2), second.GetProperty("items").EnumerateArray().Select(i => i.Id()));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next_cursor").ValueKind);

        Assert.Equal([ids[1]], await _admin.ServiceIdsForHostAsync("b.page.svc.test"));
        Assert.Empty(await _admin.ServiceIdsForHostAsync("nothing.svc.test"));

        var (all, everything, _) = await _admin.SendAsync(HttpMethod.Get, "/api/v1/services?limit=1000");
        Assert.Equal(200, all);
        var allIds = everything.GetProperty("items").EnumerateArray().Select(i => i.Id()).ToList();
        Assert.Equal(allIds.Order(StringComparer.Ordinal), allIds);
        Assert.Superset(ids.ToHashSet(), allIds.ToHashSet());
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    [InlineData("cursor=not-a-cursor")]
    public async Task Bad_list_parameters_are_400_invalid_parameter(string query)
    {
        var (status, body, _) = await _admin.SendAsync(HttpMethod.Get, $"/api/v1/services?{query}");
        Assert.Equal(400, status);
        Assert.Equal("invalid_parameter", body.Code());
    }

    [Fact]
    public async Task A_dry_run_create_validates_and_answers_the_would_be_service_without_storing_it()
    {
        var response = await _admin.PostAsync("/api/v1/services?dry_run=true", SslJson.Content(ServiceJson.Body(["dry.svc.test"])));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Null(response.Headers.Location);
        var result = JsonDocument.Parse(text).RootElement;
        Assert.True(result.GetProperty("dry_run").GetBoolean());
        Assert.Equal("dry.svc.test", result.GetProperty("service").GetProperty("hosts")[0].GetString());
        Assert.Empty(await _admin.ServiceIdsForHostAsync("dry.svc.test"));

        var (bad, error, _) = await _admin.SendAsync(HttpMethod.Post, "/api/v1/services?dry_run=true", ServiceJson.Body(["bad host"]));
        Assert.Equal(400, bad);
        Assert.Equal("invalid_host", error.Code());
    }

    [Fact]
    public async Task A_dry_run_replace_leaves_the_stored_service_unchanged()
    {
        var created = await _admin.CreateServiceAsync(ServiceJson.Body(["dryput.svc.test"]));
        var id = created.Id();
        var (status, result, text) = await _admin.SendAsync(HttpMethod.Put, $"/api/v1/services/{id}?dry_run=true",
            ServiceJson.Body(["dryput.svc.test"], pathPrefix: "/new"));
        Assert.True(status == 200, text);
        Assert.Equal("/new", result.GetProperty("service").GetProperty("path_prefix").GetString());
        var (_, stored, _) = await _admin.SendAsync(HttpMethod.Get, $"/api/v1/services/{id}");
        Assert.Equal(created.ToString(), stored.ToString());
    }

    [Fact]
    public async Task Delete_needs_the_id_repeated_in_confirm_then_answers_204_and_the_service_is_gone()
    {
        var id = (await _admin.CreateServiceAsync(ServiceJson.Body(["delete.svc.test"]))).Id();
        foreach (var query in new[] { "", "?confirm=", "?confirm=01aaaaaaaaaaaaaaaaaaaaaaaa" })
        {
            var (refused, error, _) = await _admin.SendAsync(HttpMethod.Delete, $"/api/v1/services/{id}{query}");
            Assert.Equal(400, refused);
            Assert.Equal("confirmation_required", error.Code());
        }
        Assert.Equal([id], await _admin.ServiceIdsForHostAsync("delete.svc.test"));

        var (status, _, _) = await _admin.SendAsync(HttpMethod.Delete, $"/api/v1/services/{id}?confirm={id}");
        Assert.Equal(204, status);
        Assert.Equal(404, (await _admin.SendAsync(HttpMethod.Get, $"/api/v1/services/{id}")).Status);
        Assert.Equal(404, (await _admin.SendAsync(HttpMethod.Delete, $"/api/v1/services/{id}?confirm={id}")).Status);
        Assert.Empty(await _admin.ServiceIdsForHostAsync("delete.svc.test"));
    }

    public static TheoryData<string, string, string> BadInputs => new()
    {
        // case,                         expected field,                  expected code
        { "malformed host",              "hosts[1]",                      "invalid_host" },
        { "ip address as host",          "hosts[0]",                      "invalid_host" },
        { "duplicate host",              "hosts[1]",                      "invalid_host" },
        { "path_prefix without slash",   "path_prefix",                   "invalid_parameter" },
        { "port 0",                      "upstream.targets[0].port",      "invalid_target" },
        { "port 65536",                  "upstream.targets[0].port",      "invalid_target" },
        { "negative weight",             "upstream.targets[0].weight",    "invalid_target" },
        { "no targets",                  "upstream.targets",              "missing_field" },
        { "target at the admin port",    "upstream.targets[0]",           "invalid_target" },
        { "localhost at the admin port", "upstream.targets[0]",           "invalid_target" },
        { "link-local target",           "upstream.targets[0].host",      "invalid_target" },
        { "link-local ipv6 target",      "upstream.targets[0].host",      "invalid_target" },
        { "unknown field",               "colour",                        "unknown_field" },
        { "read-only field",             "tls_coverage",                  "read_only_field" },
        { "unknown upstream field",      "upstream.retries",              "unknown_field" },
        { "unknown target field",        "upstream.targets[0].zone",      "unknown_field" },
        { "unknown timeouts field",      "upstream.timeouts.write_ms",    "unknown_field" },
        { "missing upstream",            "upstream",                      "missing_field" },
        { "wrong type",                  "upstream.targets[0].port",      "invalid_parameter" },
        { "unknown protocol",            "protocols",                     "invalid_parameter" },
        { "rewrite without host",        "upstream.host",                 "missing_field" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_is_400_naming_the_field_and_nothing_is_stored(string @case, string field, string code)
    {
        var host = $"bad-{@case.Replace(' ', '-').Replace("_", "", StringComparison.Ordinal)}.svc.test";
        var body = ServiceJson.Body([host]);
        var upstream = body["upstream"]!.AsObject();
        var target = upstream["targets"]![0]!.AsObject();
        switch (@case)
        {
            case "malformed host": body["hosts"] = new JsonArray(host, "bad host.svc.test"); break;
            case "ip address as host": body["hosts"] = new JsonArray("192.0.2.1"); break;
            case "duplicate host": body["hosts"] = new JsonArray(host, host.ToUpperInvariant() + "."); break;
            case "path_prefix without slash": body["path_prefix"] = "api"; break;
            case "port 0": target["port"] = 0; break;
            case "port 65536": target["port"] = 65536; break;
            case "negative weight": target["weight"] = -1; break;
            case "no targets": upstream["targets"] = new JsonArray(); break;
            case "target at the admin port": target["host"] = "127.0.0.1"; target["port"] = fixture.Process.AdminPort; break;
            case "localhost at the admin port": target["host"] = "localhost"; target["port"] = fixture.Process.AdminPort; break;
            case "link-local target": target["host"] = "169.254.169.254"; target["port"] = 80; break;
            case "link-local ipv6 target": target["host"] = "fe80::1"; target["port"] = 80; break;
            case "unknown field": body["colour"] = "blue"; break;
            case "read-only field": body["tls_coverage"] = new JsonArray(); break;
            case "unknown upstream field": upstream["retries"] = 3; break;
            case "unknown target field": target["zone"] = "a"; break;
            case "unknown timeouts field": upstream["timeouts"] = new JsonObject { ["write_ms"] = 5 }; break;
            case "missing upstream": body.Remove("upstream"); break;
            case "wrong type": target["port"] = "80"; break;
            case "unknown protocol": body["protocols"] = new JsonArray("http", "ftp"); break;
            case "rewrite without host": upstream["pass_host"] = "rewrite"; break;
            default: throw new ArgumentOutOfRangeException(nameof(@case));
        }
        var (status, error, text) = await _admin.SendAsync(HttpMethod.Post, "/api/v1/services", body);
        Assert.True(status == 400, $"{@case}: expected 400, got {status}: {text}");
        Assert.Equal(code, error.Code());
        Assert.Equal((field, code), error.Details()[0]);
        Assert.Empty(await _admin.ServiceIdsForHostAsync(host));
    }

    [Fact]
    public async Task Every_error_of_a_body_is_listed_in_one_400_and_nothing_is_stored()
    {
        var body = ServiceJson.Body(["all-errors.svc.test", "ALL-ERRORS.svc.test", "bad host"], pathPrefix: "api");
        var upstream = body["upstream"]!.AsObject();
        upstream["retries"] = 3;
        upstream["targets"] = new JsonArray(
            new JsonObject { ["host"] = "169.254.169.254", ["port"] = 70000, ["weight"] = -5 },
            new JsonObject { ["host"] = "127.0.0.1", ["port"] = fixture.Process.AdminPort, ["zone"] = "a" });
        var (status, error, text) = await _admin.SendAsync(HttpMethod.Post, "/api/v1/services", body);
        Assert.True(status == 400, text);
        Assert.Equal("unknown_field", error.Code());
        Assert.Equal(
        [
            ("upstream.retries", "unknown_field"),
            ("upstream.targets[1].zone", "unknown_field"),
            ("hosts[1]", "invalid_host"),
            ("hosts[2]", "invalid_host"),
            ("path_prefix", "invalid_parameter"),
            ("upstream.targets[0].host", "invalid_target"),
            ("upstream.targets[0].port", "invalid_target"),
            ("upstream.targets[0].weight", "invalid_target"),
            ("upstream.targets[1]", "invalid_target"),
        ], error.Details());
        Assert.Empty(await _admin.ServiceIdsForHostAsync("all-errors.svc.test"));
    }

    [Fact]
    public async Task The_same_host_and_prefix_twice_is_409_route_conflict_naming_the_other_service()
    {
        var first = (await _admin.CreateServiceAsync(ServiceJson.Body(["conflict.svc.test"], pathPrefix: "/api"))).Id();
        var (status, error, text) = await _admin.SendAsync(HttpMethod.Post, "/api/v1/services",
            ServiceJson.Body(["other-conflict.svc.test", "Conflict.svc.test"], pathPrefix: "/api/"));
        Assert.True(status == 409, text);
        Assert.Equal("route_conflict", error.Code());
        var message = Assert.Single(error.DetailMessages());
        Assert.Contains(first, message, StringComparison.Ordinal);
        Assert.Contains("conflict.svc.test", message, StringComparison.Ordinal);
        Assert.Empty(await _admin.ServiceIdsForHostAsync("other-conflict.svc.test"));

        // Another prefix on the same host is another route; moving onto the first route by PUT conflicts too.
        var second = (await _admin.CreateServiceAsync(ServiceJson.Body(["conflict.svc.test"], pathPrefix: "/api/v2"))).Id();
        var (put, putError, _) = await _admin.SendAsync(HttpMethod.Put, $"/api/v1/services/{second}", ServiceJson.Body(["conflict.svc.test"], pathPrefix: "/api"));
        Assert.Equal(409, put);
        Assert.Equal("route_conflict", putError.Code());
        // A service replacing itself with its own route is no conflict.
        Assert.Equal(200, (await _admin.SendAsync(HttpMethod.Put, $"/api/v1/services/{first}", ServiceJson.Body(["conflict.svc.test"], pathPrefix: "/api"))).Status);
    }

    [Fact]
    public async Task Client_ssl_id_must_name_a_stored_client_object()
    {
        var unknown = ServiceJson.Body(["ref.svc.test"], upstream: ServiceJson.Upstream(scheme: "https", clientSslId: "01aaaaaaaaaaaaaaaaaaaaaaaa"));
        var (status, error, _) = await _admin.SendAsync(HttpMethod.Post, "/api/v1/services", unknown);
        Assert.Equal(400, status);
        Assert.Equal(("upstream.client_ssl_id", "invalid_reference"), error.Details()[0]);

        var root = TestPki.CreateRoot();
        var server = await _admin.CreateAsync(SslJson.Body(root.Issue("ref-server.svc.test")));
        var naming = ServiceJson.Body(["ref.svc.test"], upstream: ServiceJson.Upstream(scheme: "https", clientSslId: server.Id()));
        (status, error, _) = await _admin.SendAsync(HttpMethod.Post, "/api/v1/services", naming);
        Assert.Equal(400, status);
        Assert.Equal(("upstream.client_ssl_id", "type_mismatch"), error.Details()[0]);
        Assert.Empty(await _admin.ServiceIdsForHostAsync("ref.svc.test"));

        var client = await _admin.CreateAsync(SslJson.Body(root.Issue(new CertSpec { DnsNames = null, ExtendedKeyUsages = [Oids.ClientAuth] }), type: "client"));
        var ok = await _admin.CreateServiceAsync(ServiceJson.Body(["ref.svc.test"], upstream: ServiceJson.Upstream(scheme: "https", clientSslId: client.Id())));
        Assert.Equal(client.Id(), ok.GetProperty("upstream").GetProperty("client_ssl_id").GetString());
    }

    [Fact]
    public async Task Tls_coverage_warns_of_an_uncovered_https_host_and_shows_the_object_once_one_covers_it()
    {
        var created = await _admin.CreateServiceAsync(ServiceJson.Body(["cover.svc.test", "api.cover.svc.test"], protocols: ["https"]));
        foreach (var coverage in created.GetProperty("tls_coverage").EnumerateArray())
        {
            Assert.Equal(JsonValueKind.Null, coverage.GetProperty("ssl_id").ValueKind);
            Assert.Equal("none", coverage.GetProperty("step").GetString());
            Assert.False(coverage.GetProperty("peer_authentication").GetBoolean());
            Assert.Contains("No SSL object covers this host", coverage.GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);
        }

        var root = TestPki.CreateRoot();
        var exact = await _admin.CreateAsync(SslJson.Body(root.Issue("cover.svc.test")));
        var wildcard = await _admin.CreateAsync(SslJson.Body(root.Issue("*.cover.svc.test"), ca: TestPki.CreateRoot("Client CA").CertPem));
        var (_, fetched, _) = await _admin.SendAsync(HttpMethod.Get, $"/api/v1/services/{created.Id()}");
        var hosts = fetched.GetProperty("tls_coverage").EnumerateArray().ToList();
        Assert.Equal(("cover.svc.test", exact.Id(), "exact"),
            (hosts[0].GetProperty("host").GetString(), hosts[0].GetProperty("ssl_id").GetString(), hosts[0].GetProperty("step").GetString()));
        Assert.Equal(0, hosts[0].GetProperty("warnings").GetArrayLength());
        Assert.Equal(("api.cover.svc.test", wildcard.Id(), "wildcard"),
            (hosts[1].GetProperty("host").GetString(), hosts[1].GetProperty("ssl_id").GetString(), hosts[1].GetProperty("step").GetString()));
        Assert.True(hosts[1].GetProperty("peer_authentication").GetBoolean());
        Assert.False(hosts[1].TryGetProperty("ca_set_id", out _));
    }

    [Fact]
    public async Task Tls_coverage_warns_when_http_is_listed_for_a_peer_authenticated_host()
    {
        await _admin.CreateAsync(SslJson.Body(TestPki.CreateRoot().Issue("mtls-http.svc.test"), ca: TestPki.CreateRoot("Client CA").CertPem));
        var created = await _admin.CreateServiceAsync(ServiceJson.Body(["mtls-http.svc.test"], protocols: ["http", "https"]));
        var coverage = Assert.Single(created.GetProperty("tls_coverage").EnumerateArray());
        Assert.True(coverage.GetProperty("peer_authentication").GetBoolean());
        Assert.Contains(coverage.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("403", StringComparison.Ordinal));
    }
}
