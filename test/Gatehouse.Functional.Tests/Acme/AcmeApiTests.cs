using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Functional.Tests.Access;
using Gatehouse.Functional.Tests.Api;
using Gatehouse.Testing.Pki;

namespace Gatehouse.Functional.Tests.Acme;

/// <summary>The ACME issuer and managed-object routes without a CA (DESIGN.md §12): shapes, refusals, and no secret in any answer or file.</summary>
public sealed class AcmeApiTests(GatehouseFixture fixture) : IClassFixture<GatehouseFixture>
{
    // A distinctive MAC key: it must never be found in a response, a log line or the store's files.
    private const string MacKey = "c2VjcmV0LW1hYy1rZXktZm9yLWVhYi0wMTIzNDU2Nzg5YWJjZGVm";
    private const string Directory = "https://acme.invalid/dir";

    private HttpClient Admin => fixture.Process.AdminClient();

    private static JsonObject IssuerBody(string? mac = MacKey) => new()
    {
        ["directory_url"] = Directory,
        ["contact"] = new JsonArray("mailto:ops@example.com"),
        ["key_type"] = "rsa-2048",
        ["eab"] = mac is null ? null : new JsonObject { ["kid"] = "kid-1", ["hmac_key"] = mac },
    };

    private async Task<string> CreateIssuerAsync()
    {
        var (status, issuer, text) = await Admin.SendAsync(HttpMethod.Post, "/api/v1/acme/issuers", IssuerBody());
        Assert.True(status == 201, text);
        return issuer.GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task The_EAB_MAC_key_is_in_no_response_no_log_line_and_no_file_in_plaintext()
    {
        var texts = new List<string>();
        var (status, created, text) = await Admin.SendAsync(HttpMethod.Post, "/api/v1/acme/issuers", IssuerBody());
        Assert.Equal(201, status);
        texts.Add(text);
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal("kid-1", created.GetProperty("eab").GetProperty("kid").GetString());
        Assert.False(created.GetProperty("eab").TryGetProperty("hmac_key", out _));
        Assert.Equal("rsa-2048", created.GetProperty("key_type").GetString());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("account_url").ValueKind);
        texts.Add(await Admin.GetStringAsync($"/api/v1/acme/issuers/{id}"));
        texts.Add(await Admin.GetStringAsync("/api/v1/acme/issuers"));
        // A PUT without eab keeps the binding; a malformed one is refused without echoing it.
        var keep = IssuerBody();
        keep.Remove("eab");
        var (putStatus, kept, putText) = await Admin.SendAsync(HttpMethod.Put, $"/api/v1/acme/issuers/{id}", keep);
        Assert.Equal(200, putStatus);
        Assert.Equal("kid-1", kept.GetProperty("eab").GetProperty("kid").GetString());
        texts.Add(putText);
        var (badStatus, bad, badText) = await Admin.SendAsync(HttpMethod.Put, $"/api/v1/acme/issuers/{id}", IssuerBody(MacKey + "!"));
        Assert.Equal(400, badStatus);
        Assert.Equal(["invalid_parameter"], bad.DetailCodes());
        texts.Add(badText);

        Assert.All(texts, t => Assert.DoesNotContain(MacKey, t));
        Assert.DoesNotContain(MacKey, fixture.Process.Output);
        Assert.DoesNotContain(MacKey, StoreFiles.ReadAll(fixture.Process.DataDirectory));
        Assert.Contains("eab_hmac_key", StoreFiles.ReadAll(fixture.Process.DataDirectory)); // it is stored, as ciphertext
    }

    [Fact]
    public async Task Issuers_are_checked_field_by_field()
    {
        var (status, error, _) = await Admin.SendAsync(HttpMethod.Post, "/api/v1/acme/issuers", new JsonObject
        {
            ["directory_url"] = "http://acme.example/dir",
            ["contact"] = new JsonArray("ops@example.com"),
            ["key_type"] = "ed25519",
            ["ca_certificate"] = "not a certificate",
            ["eab"] = new JsonObject { ["kid"] = "k" },
        });
        Assert.Equal(400, status);
        Assert.Equal(["invalid_parameter", "invalid_parameter", "invalid_parameter", "invalid_ca_certificate", "missing_field"], error.DetailCodes());
    }

    [Fact]
    public async Task A_managed_object_is_pending_at_once_and_its_certificate_cannot_be_written_by_hand()
    {
        var issuer = await CreateIssuerAsync();
        var (status, created, text) = await Admin.SendAsync(HttpMethod.Post, "/api/v1/ssls", new JsonObject
        {
            ["acme"] = new JsonObject { ["issuer"] = issuer, ["domains"] = new JsonArray("Pending.Example.COM.") },
        });
        Assert.True(status == 201, text);
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal("pending", created.GetProperty("status").GetString());
        var acme = created.GetProperty("acme");
        Assert.Equal(["pending.example.com"], acme.GetProperty("domains").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("pending", acme.GetProperty("state").GetString());
        Assert.Equal("http-01", acme.GetProperty("challenge").GetString());
        Assert.Equal(JsonValueKind.Null, acme.GetProperty("last_attempt_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, acme.GetProperty("renew_after").ValueKind);
        Assert.Equal(JsonValueKind.Null, acme.GetProperty("error").ValueKind);
        Assert.Equal("pending", (await Admin.SendAsync(HttpMethod.Get, $"/api/v1/ssls/{id}")).Body.GetProperty("status").GetString());

        var cert = TestPki.SelfSigned("pending.example.com");
        var (putStatus, putError, _) = await Admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{id}", new JsonObject
        {
            ["certificate"] = cert.ChainPem, ["private_key"] = cert.KeyPem,
        });
        Assert.Equal(400, putStatus);
        Assert.Equal(["managed_field", "managed_field"], putError.DetailCodes());

        var (detachStatus, detachError, _) = await Admin.SendAsync(HttpMethod.Post, $"/api/v1/ssls/{id}/detach");
        Assert.Equal(409, detachStatus);
        Assert.Equal("not_issued", detachError.GetProperty("error").GetProperty("code").GetString());

        var (renewStatus, renewed, _) = await Admin.SendAsync(HttpMethod.Post, $"/api/v1/ssls/{id}/renew");
        Assert.Equal(202, renewStatus);
        Assert.Equal("pending.example.com", renewed.GetProperty("domains")[0].GetString());

        var (inUse, inUseError, _) = await Admin.SendAsync(HttpMethod.Delete, $"/api/v1/acme/issuers/{issuer}");
        Assert.Equal(409, inUse);
        Assert.Equal("in_use", inUseError.GetProperty("error").GetProperty("code").GetString());

        Assert.Equal(204, (await Admin.SendAsync(HttpMethod.Delete, $"/api/v1/ssls/{id}?confirm={id}")).Status);
        Assert.Equal(404, (await Admin.SendAsync(HttpMethod.Get, $"/api/v1/ssls/{id}")).Status);
        Assert.Equal(204, (await Admin.SendAsync(HttpMethod.Delete, $"/api/v1/acme/issuers/{issuer}")).Status);
    }

    [Fact]
    public async Task Pending_objects_are_listed_at_once_in_id_order_filtered_by_status_and_gone_once_deleted()
    {
        var issuer = await CreateIssuerAsync();
        var uploaded = (await Admin.CreateAsync(SslJson.Body(TestPki.SelfSigned("listed.example.com")))).GetProperty("id").GetString()!;
        var pending = new List<string>();
        foreach (var domain in new[] { "p1.example.com", "p2.example.com" })
        {
            var (status, created, text) = await Admin.SendAsync(HttpMethod.Post, "/api/v1/ssls", new JsonObject
            {
                ["acme"] = new JsonObject { ["issuer"] = issuer, ["domains"] = new JsonArray(domain) },
            });
            Assert.True(status == 201, text);
            pending.Add(created.GetProperty("id").GetString()!);
        }

        // Right after the writes (read-your-writes), every object once, in id order: uploaded and pending together.
        var all = await ListAllAsync("/api/v1/ssls?limit=1");
        Assert.Equal(all.Select(o => o.GetProperty("id").GetString()).Order(StringComparer.Ordinal), all.Select(o => o.GetProperty("id").GetString()));
        Assert.Equal(all.Count, all.Select(o => o.GetProperty("id").GetString()).Distinct().Count());
        Assert.Contains(all, o => o.GetProperty("id").GetString() == uploaded && o.GetProperty("status").GetString() == "active");
        foreach (var id in pending)
        {
            var item = Assert.Single(all, o => o.GetProperty("id").GetString() == id);
            Assert.Equal("pending", item.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, item.GetProperty("certificate").ValueKind);
            Assert.Equal(issuer, item.GetProperty("acme").GetProperty("issuer").GetString());
        }

        // status=pending lists only those; filters a pending object cannot match leave it out.
        var onlyPending = await ListAllAsync("/api/v1/ssls?status=pending&limit=1");
        Assert.All(onlyPending, o => Assert.Equal("pending", o.GetProperty("status").GetString()));
        Assert.Superset(pending.ToHashSet(), onlyPending.Select(o => o.GetProperty("id").GetString()!).ToHashSet());
        Assert.DoesNotContain(onlyPending, o => o.GetProperty("id").GetString() == uploaded);
        foreach (var filter in new[] { "type=client", "expiring_within=3650d", "sni=p1.example.com" })
            Assert.DoesNotContain(await ListAllAsync($"/api/v1/ssls?{filter}"), o => pending.Contains(o.GetProperty("id").GetString()!));
        var (badStatus, badError, _) = await Admin.SendAsync(HttpMethod.Get, "/api/v1/ssls?status=active");
        Assert.Equal(400, badStatus);
        Assert.Equal("invalid_parameter", badError.GetProperty("error").GetProperty("code").GetString());

        // A pending object deleted is gone from the next list.
        Assert.Equal(204, (await Admin.SendAsync(HttpMethod.Delete, $"/api/v1/ssls/{pending[0]}?confirm={pending[0]}")).Status);
        var after = await ListAllAsync("/api/v1/ssls?status=pending");
        Assert.DoesNotContain(after, o => o.GetProperty("id").GetString() == pending[0]);
        Assert.Contains(after, o => o.GetProperty("id").GetString() == pending[1]);
    }

    private async Task<List<JsonElement>> ListAllAsync(string path)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var (status, page, text) = await Admin.SendAsync(HttpMethod.Get, cursor is null ? path : $"{path}&cursor={cursor}");
            Assert.True(status == 200, text);
            items.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.Clone()));
            cursor = page.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);
        return items;
    }

    [Fact]
    public async Task Wildcards_key_material_and_unknown_issuers_are_refused_with_every_error()
    {
        var issuer = await CreateIssuerAsync();
        var cert = TestPki.SelfSigned("x.example.com");
        var (status, error, text) = await Admin.SendAsync(HttpMethod.Post, "/api/v1/ssls", new JsonObject
        {
            ["acme"] = new JsonObject { ["issuer"] = issuer, ["domains"] = new JsonArray("*.example.com", "10.0.0.1", "ok.example.com") },
            ["certificate"] = cert.ChainPem,
            ["private_key"] = cert.KeyPem,
        });
        Assert.Equal(400, status);
        Assert.Equal(["managed_field", "managed_field", "invalid_host", "invalid_host"], error.DetailCodes());
        Assert.Contains("wildcard", error.GetProperty("error").GetProperty("details")[2].GetProperty("message").GetString());
        Assert.DoesNotContain("PRIVATE KEY", text);

        var (unknown, unknownError, _) = await Admin.SendAsync(HttpMethod.Post, "/api/v1/ssls", new JsonObject
        {
            ["acme"] = new JsonObject { ["issuer"] = "01jzzzzzzzzzzzzzzzzzzzzzzz", ["domains"] = new JsonArray("a.example.com") },
        });
        Assert.Equal(400, unknown);
        Assert.Equal("invalid_reference", unknownError.GetProperty("error").GetProperty("code").GetString());
    }
}
