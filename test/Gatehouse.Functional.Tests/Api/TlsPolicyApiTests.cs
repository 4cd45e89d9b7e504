using System.Text.Json.Nodes;
using Gatehouse.Testing.Pki;

namespace Gatehouse.Functional.Tests.Api;

/// <summary>The API side of issue 17: policy fields, alt certificates, their validation and their keys.</summary>
public sealed class TlsPolicyApiTests(GatehouseFixture fixture) : IClassFixture<GatehouseFixture>
{
    private static readonly TestCert Root = TestPki.CreateRoot("Policy API Root");
    private readonly HttpClient _admin = fixture.Process.AdminClient();

    private static JsonObject Dual(TestCert primary, TestCert alt, bool withAltKey = true)
    {
        var body = SslJson.Body(primary);
        body["alt_certificate"] = alt.ChainPem;
        if (withAltKey) body["alt_private_key"] = alt.KeyPem;
        return body;
    }

    [Fact]
    public async Task Policy_fields_default_round_trip_and_are_refused_when_outside_the_intermediate_set()
    {
        var cert = Root.Issue("fields.policy-api.test");
        var plain = await _admin.CreateAsync(SslJson.Body(cert));
        Assert.Equal("1.2", plain.GetProperty("min_tls_version").GetString());
        Assert.Equal(6, plain.GetProperty("tls12_cipher_suites").GetArrayLength());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, plain.GetProperty("alt_certificate").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, plain.GetProperty("alt_key_algorithm").ValueKind);

        var body = SslJson.Body(Root.Issue("fields2.policy-api.test"));
        body["min_tls_version"] = "1.3";
        body["tls12_cipher_suites"] = new JsonArray("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");
        var chosen = await _admin.CreateAsync(body);
        Assert.Equal("1.3", chosen.GetProperty("min_tls_version").GetString());
        Assert.Equal(["TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"],
            chosen.GetProperty("tls12_cipher_suites").EnumerateArray().Select(e => e.GetString()));

        var bad = SslJson.Body(Root.Issue("fields3.policy-api.test"));
        bad["min_tls_version"] = "1.0";
        bad["tls12_cipher_suites"] = new JsonArray("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");
        var (status, error, text) = await _admin.SendAsync(HttpMethod.Post, "/api/v1/ssls", bad);
        Assert.Equal(400, status);
        Assert.Equal("invalid_parameter", error.Code());
        Assert.Equal(["invalid_parameter", "invalid_parameter"], error.DetailCodes());
        Assert.DoesNotContain("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", text);

        var wrongType = SslJson.Body(Root.Issue("fields4.policy-api.test"));
        wrongType["min_tls_version"] = 1.3;
        Assert.Equal(400, (await _admin.SendAsync(HttpMethod.Post, "/api/v1/ssls", wrongType)).Status);
        foreach (var readOnly in new[] { "alt_key_algorithm", "alt_fingerprint_sha256", "alt_not_after" })
        {
            var withReadOnly = SslJson.Body(Root.Issue("fields5.policy-api.test"));
            withReadOnly[readOnly] = "x";
            var (readOnlyStatus, readOnlyError, _) = await _admin.SendAsync(HttpMethod.Post, "/api/v1/ssls", withReadOnly);
            Assert.Equal((400, "read_only_field"), (readOnlyStatus, readOnlyError.Code()));
        }
    }

    [Fact]
    public async Task A_client_object_shows_no_policy_and_takes_its_own_response_back()
    {
        var leaf = Root.Issue(new CertSpec { DnsNames = ["client.policy-api.test"], ExtendedKeyUsages = [Oids.ClientAuth] });
        var created = await _admin.CreateAsync(SslJson.Body(leaf, type: "client"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, created.GetProperty("min_tls_version").ValueKind);
        var id = created.GetProperty("id").GetString()!;
        var body = SslJson.Body(leaf, type: "client", withKey: false);
        body["min_tls_version"] = "1.2";
        Assert.Equal(200, (await _admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{id}", body)).Status);
        body["min_tls_version"] = "1.3";
        var (status, error, _) = await _admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{id}", body);
        Assert.Equal((400, "invalid_parameter"), (status, error.Code()));
    }

    [Fact]
    public async Task An_alt_certificate_is_shown_kept_on_update_without_its_key_and_cleared_when_omitted()
    {
        var rsa = Root.Issue(new CertSpec { DnsNames = ["keep.policy-api.test"], Key = KeyKind.Rsa2048 });
        var ec = Root.Issue(new CertSpec { DnsNames = ["keep.policy-api.test"], Key = KeyKind.EcP384, NotAfter = DateTimeOffset.UtcNow.AddDays(10) });
        var created = await _admin.CreateAsync(Dual(rsa, ec));
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal("EC P-384", created.GetProperty("alt_key_algorithm").GetString());
        Assert.Equal(ec.FingerprintSha256, created.GetProperty("alt_fingerprint_sha256").GetString());
        Assert.Equal(ec.Certificate.NotAfter.ToUniversalTime(), created.GetProperty("alt_not_after").GetDateTimeOffset().UtcDateTime, TimeSpan.FromSeconds(1));
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", created.GetProperty("alt_certificate").GetString());

        // Expiry looks at both certificates: the primary has 90 days, the alt 10.
        var expiring = await _admin.GetStringAsync("/api/v1/ssls?expiring_within=20d&limit=1000");
        Assert.Contains(id, expiring);

        var (status, updated, text) = await _admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{id}", Dual(rsa, ec, withAltKey: false));
        Assert.True(status == 200, text);
        Assert.Equal(ec.FingerprintSha256, updated.GetProperty("alt_fingerprint_sha256").GetString());

        var otherEc = Root.Issue(new CertSpec { DnsNames = ["keep.policy-api.test"], Key = KeyKind.EcP256 });
        var (newLeaf, newLeafError, _) = await _admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{id}", Dual(rsa, otherEc, withAltKey: false));
        Assert.Equal((400, "missing_field"), (newLeaf, newLeafError.Code()));
        Assert.Equal("alt_private_key", newLeafError.GetProperty("error").GetProperty("details")[0].GetProperty("field").GetString());

        var (cleared, clearedBody, _) = await _admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{id}", SslJson.Body(rsa, withKey: false));
        Assert.Equal(200, cleared);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, clearedBody.GetProperty("alt_fingerprint_sha256").ValueKind);
    }

    [Fact]
    public async Task Alt_mismatch_for_the_same_key_type_or_other_names()
    {
        var rsa = Root.Issue(new CertSpec { DnsNames = ["a.mismatch.test", "b.mismatch.test"], Key = KeyKind.Rsa2048 });
        var rsa2 = Root.Issue(new CertSpec { DnsNames = ["a.mismatch.test", "b.mismatch.test"], Key = KeyKind.Rsa2048 });
        var ecFewer = Root.Issue(new CertSpec { DnsNames = ["a.mismatch.test"], Key = KeyKind.EcP256 });
        foreach (var alt in new[] { rsa2, ecFewer })
        {
            var (status, error, _) = await _admin.SendAsync(HttpMethod.Post, "/api/v1/ssls", Dual(rsa, alt));
            Assert.Equal((400, "alt_mismatch"), (status, error.Code()));
        }
        var client = Root.Issue(new CertSpec { DnsNames = ["c.mismatch.test"], ExtendedKeyUsages = [Oids.ClientAuth], Key = KeyKind.Rsa2048 });
        var clientEc = Root.Issue(new CertSpec { DnsNames = ["c.mismatch.test"], ExtendedKeyUsages = [Oids.ClientAuth] });
        var clientBody = Dual(client, clientEc);
        clientBody["type"] = "client";
        var (clientStatus, clientError, _) = await _admin.SendAsync(HttpMethod.Post, "/api/v1/ssls", clientBody);
        Assert.Equal((400, "invalid_parameter"), (clientStatus, clientError.Code()));
    }

    [Fact]
    public async Task The_alt_key_is_in_no_response_no_log_line_and_no_file_in_plaintext()
    {
        var rsa = Root.Issue(new CertSpec { DnsNames = ["leak.policy-api.test"], Key = KeyKind.Rsa2048 });
        var ec = Root.Issue(new CertSpec { DnsNames = ["leak.policy-api.test"], Key = KeyKind.EcP256 });
        var responses = new List<string>();
        var created = await _admin.CreateAsync(Dual(rsa, ec));
        var id = created.GetProperty("id").GetString()!;
        responses.Add(created.ToString());
        responses.Add(await _admin.GetStringAsync($"/api/v1/ssls/{id}"));
        responses.Add(await _admin.GetStringAsync("/api/v1/ssls?limit=1000"));
        responses.Add(await _admin.GetStringAsync("/api/v1/ssls?sni=leak.policy-api.test"));
        responses.Add(await _admin.GetStringAsync("/api/v1/sni/leak.policy-api.test"));
        responses.Add((await _admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{id}?dry_run=true", Dual(rsa, ec))).Text);
        responses.Add((await _admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{id}", Dual(rsa, ec, withAltKey: false))).Text);
        // The alt key pasted into the wrong fields, and a mismatching alt: errors never echo it.
        var wrong = Dual(rsa, ec);
        wrong["alt_certificate"] = ec.KeyPem;
        responses.Add((await _admin.SendAsync(HttpMethod.Post, "/api/v1/ssls", wrong)).Text);
        var wrongKey = Dual(rsa, ec);
        wrongKey["alt_private_key"] = rsa.KeyPem;
        responses.Add((await _admin.SendAsync(HttpMethod.Post, "/api/v1/ssls", wrongKey)).Text);
        var inSuites = Dual(rsa, ec);
        inSuites["tls12_cipher_suites"] = new JsonArray(ec.KeyPem);
        responses.Add((await _admin.SendAsync(HttpMethod.Post, "/api/v1/ssls", inSuites)).Text);
        var inVersion = Dual(rsa, ec);
        inVersion["min_tls_version"] = ec.KeyPem;
        responses.Add((await _admin.SendAsync(HttpMethod.Post, "/api/v1/ssls", inVersion)).Text);
        using var anonymous = fixture.Process.AdminClient(token: null);
        responses.Add(await anonymous.GetStringAsync("/metrics"));

        foreach (var keyPem in new[] { ec.KeyPem, ec.TraditionalKeyPem, rsa.KeyPem })
        {
            foreach (var line in SslJson.Base64Lines(keyPem))
            {
                Assert.All(responses, r => Assert.DoesNotContain(line, r));
                Assert.DoesNotContain(line, fixture.Process.Output);
                foreach (var file in Directory.EnumerateFiles(fixture.Process.DataDirectory, "*", SearchOption.AllDirectories))
                    Assert.DoesNotContain(line, await PrivateKeyLeakTests.ReadSharedAsync(file));
            }
        }
        Assert.DoesNotContain("PRIVATE KEY", fixture.Process.Output);
    }
}
