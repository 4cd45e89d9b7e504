using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Testing.Pki;

namespace Gatehouse.Functional.Tests.Api;

public sealed class SslCrudTests(GatehouseFixture fixture) : IClassFixture<GatehouseFixture>
{
    private readonly HttpClient _admin = fixture.Process.AdminClient();

    [Fact]
    public async Task Create_returns_201_with_location_etag_and_derived_fields_and_round_trips_through_get()
    {
        var cert = TestPki.CreateRoot().Issue(new CertSpec { CommonName = "shop", DnsNames = ["Shop.Crud.Test", "*.cdn.crud.test"], Key = KeyKind.Rsa2048 });
        var response = await _admin.PostAsync("/api/v1/ssls", SslJson.Content(SslJson.Body(cert)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var id = created.GetProperty("id").GetString()!;
        Assert.Matches("^[0-9a-hjkmnp-tv-z]{26}$", id);
        Assert.Equal($"/api/v1/ssls/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal($"\"{created.GetProperty("revision").GetInt64()}\"", response.Headers.ETag!.Tag);
        Assert.Equal("server", created.GetProperty("type").GetString());
        Assert.Equal(["*.cdn.crud.test", "shop.crud.test"], created.GetProperty("snis").EnumerateArray().Select(e => e.GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(cert.FingerprintSha256, created.GetProperty("fingerprint_sha256").GetString());
        Assert.Equal("RSA 2048", created.GetProperty("key_algorithm").GetString());
        Assert.Equal("CN=shop", created.GetProperty("subject").GetString());
        Assert.Equal("CN=Test Root CA", created.GetProperty("issuer").GetString());
        Assert.Equal(cert.Certificate.SerialNumber.ToLowerInvariant(), created.GetProperty("serial_number").GetString());
        Assert.Equal("active", created.GetProperty("status").GetString());
        Assert.False(created.GetProperty("peer_authentication").GetBoolean());
        Assert.False(created.TryGetProperty("private_key", out _));
        Assert.EndsWith("Z", created.GetProperty("not_after").GetString());

        var get = await _admin.GetAsync($"/api/v1/ssls/{id}");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(response.Headers.ETag!.Tag, get.Headers.ETag!.Tag);
        var fetched = JsonDocument.Parse(await get.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(created.ToString(), fetched.ToString());
    }

    [Fact]
    public async Task Get_of_an_unknown_id_is_404_not_found()
    {
        var (status, body, _) = await _admin.SendAsync(HttpMethod.Get, "/api/v1/ssls/01aaaaaaaaaaaaaaaaaaaaaaaa");
        Assert.Equal(404, status);
        Assert.Equal("not_found", body.Code());
    }

    [Fact]
    public async Task Put_without_a_key_keeps_the_stored_key_when_the_public_key_is_unchanged()
    {
        var root = TestPki.CreateRoot();
        var cert = root.Issue("keep.crud.test");
        var created = await _admin.CreateAsync(SslJson.Body(cert));
        var id = created.GetProperty("id").GetString()!;
        // The same certificate, with labels: no private_key needed.
        var body = SslJson.Body(cert, withKey: false);
        body["labels"] = new JsonArray("blue");
        var (status, updated, text) = await _admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{id}", body);
        Assert.True(status == 200, text);
        Assert.Equal("blue", updated.GetProperty("labels")[0].GetString());
        Assert.True(updated.GetProperty("revision").GetInt64() > created.GetProperty("revision").GetInt64());

        // A renewed certificate with a new key needs that key.
        var renewed = root.Issue("keep.crud.test");
        var (missing, error, _) = await _admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{id}", SslJson.Body(renewed, withKey: false));
        Assert.Equal(400, missing);
        Assert.Equal("missing_field", error.Code());
        var (ok, renewedView, _) = await _admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{id}", SslJson.Body(renewed));
        Assert.Equal(200, ok);
        Assert.Equal(renewed.FingerprintSha256, renewedView.GetProperty("fingerprint_sha256").GetString());
    }

    [Fact]
    public async Task Put_clears_omitted_optional_fields_and_refuses_type_changes_and_read_only_fields()
    {
        var ca = TestPki.CreateRoot("Client CA");
        var cert = TestPki.CreateRoot().Issue("clear.crud.test");
        var withCa = SslJson.Body(cert, ca: ca.CertPem);
        withCa["labels"] = new JsonArray("a", "b");
        var created = await _admin.CreateAsync(withCa);
        var id = created.GetProperty("id").GetString()!;
        Assert.True(created.GetProperty("peer_authentication").GetBoolean());

        var (status, cleared, _) = await _admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{id}", SslJson.Body(cert, withKey: false));
        Assert.Equal(200, status);
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("ca_certificate").ValueKind);
        Assert.False(cleared.GetProperty("peer_authentication").GetBoolean());
        Assert.Equal(0, cleared.GetProperty("labels").GetArrayLength());

        var (typeStatus, typeError, _) = await _admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{id}", SslJson.Body(cert, type: "client"));
        Assert.Equal(400, typeStatus);
        Assert.Contains("immutable_field", typeError.DetailCodes());

        var readOnly = SslJson.Body(cert);
        readOnly["snis"] = new JsonArray("evil.test");
        readOnly["id"] = "01aaaaaaaaaaaaaaaaaaaaaaaa";
        var (roStatus, roError, _) = await _admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{id}", readOnly);
        Assert.Equal(400, roStatus);
        Assert.Equal(["read_only_field", "read_only_field"], roError.DetailCodes());
    }

    [Fact]
    public async Task Put_with_a_stale_if_match_is_412_and_a_current_one_passes()
    {
        var cert = TestPki.CreateRoot().Issue("match.crud.test");
        var created = await _admin.CreateAsync(SslJson.Body(cert));
        var id = created.GetProperty("id").GetString()!;
        var etag = $"\"{created.GetProperty("revision").GetInt64()}\"";
        var (first, _, _) = await _admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{id}", SslJson.Body(cert), etag);
        Assert.Equal(200, first);
        var (stale, error, _) = await _admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{id}", SslJson.Body(cert), etag);
        Assert.Equal(412, stale);
        Assert.Equal("revision_conflict", error.Code());
    }

    [Fact]
    public async Task Put_dry_run_reports_the_impact_and_stores_nothing()
    {
        var root = TestPki.CreateRoot();
        var created = await _admin.CreateAsync(SslJson.Body(root.Issue("a.dry.test", "b.dry.test")));
        var id = created.GetProperty("id").GetString()!;
        var (status, result, text) = await _admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{id}?dry_run=true",
            SslJson.Body(root.Issue("b.dry.test", "c.dry.test")));
        Assert.True(status == 200, text);
        var impact = result.GetProperty("impact");
        Assert.Equal(["c.dry.test"], impact.GetProperty("snis_added").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["a.dry.test"], impact.GetProperty("snis_removed").EnumerateArray().Select(e => e.GetString()));
        var after = JsonDocument.Parse(await _admin.GetStringAsync($"/api/v1/ssls/{id}")).RootElement;
        Assert.Equal(created.GetProperty("revision").GetInt64(), after.GetProperty("revision").GetInt64());
        Assert.Equal(created.GetProperty("fingerprint_sha256").GetString(), after.GetProperty("fingerprint_sha256").GetString());
    }

    [Fact]
    public async Task Delete_needs_the_id_repeated_in_confirm()
    {
        var created = await _admin.CreateAsync(SslJson.Body(TestPki.SelfSigned("gone.crud.test")));
        var id = created.GetProperty("id").GetString()!;
        var (missing, error, _) = await _admin.SendAsync(HttpMethod.Delete, $"/api/v1/ssls/{id}");
        Assert.Equal(400, missing);
        Assert.Equal("confirmation_required", error.Code());
        var (wrong, _, _) = await _admin.SendAsync(HttpMethod.Delete, $"/api/v1/ssls/{id}?confirm=01aaaaaaaaaaaaaaaaaaaaaaaa");
        Assert.Equal(400, wrong);
        Assert.Equal(200, (await _admin.SendAsync(HttpMethod.Get, $"/api/v1/ssls/{id}")).Status);

        var (deleted, _, _) = await _admin.SendAsync(HttpMethod.Delete, $"/api/v1/ssls/{id}?confirm={id}");
        Assert.Equal(204, deleted);
        Assert.Equal(404, (await _admin.SendAsync(HttpMethod.Get, $"/api/v1/ssls/{id}")).Status);
        Assert.Equal(404, (await _admin.SendAsync(HttpMethod.Delete, $"/api/v1/ssls/{id}?confirm={id}")).Status);
    }

    [Fact]
    public async Task Only_one_fallback_object_is_allowed()
    {
        var first = await _admin.CreateAsync(SslJson.Body(TestPki.SelfSigned("fb1.crud.test"), fallback: true));
        var (status, error, _) = await _admin.SendAsync(HttpMethod.Post, "/api/v1/ssls", SslJson.Body(TestPki.SelfSigned("fb2.crud.test"), fallback: true));
        Assert.Equal(409, status);
        Assert.Equal("fallback_conflict", error.Code());
        Assert.Contains(first.GetProperty("id").GetString()!, error.GetProperty("error").GetProperty("message").GetString());
        // Re-asserting the flag on the fallback itself is fine.
        var id = first.GetProperty("id").GetString()!;
        var (same, _, _) = await _admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{id}", SslJson.Body(TestPki.SelfSigned("fb1.crud.test"), fallback: true));
        Assert.Equal(200, same);
        await _admin.SendAsync(HttpMethod.Delete, $"/api/v1/ssls/{id}?confirm={id}");
    }
}
