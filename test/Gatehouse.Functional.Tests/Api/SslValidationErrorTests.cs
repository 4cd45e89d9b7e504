using System.Text.Json.Nodes;
using Gatehouse.Testing.Pki;

namespace Gatehouse.Functional.Tests.Api;

/// <summary>Every 400-class code the SSL object API produces, over real HTTP; nothing is stored on error.</summary>
public sealed class SslValidationErrorTests(GatehouseFixture fixture) : IClassFixture<GatehouseFixture>
{
    private static readonly TestCert Root = TestPki.CreateRoot();
    private static readonly TestCert Good = Root.Issue("good.errors.test");
    private readonly HttpClient _admin = fixture.Process.AdminClient();

    public static TheoryData<string, string> Cases() => new()
    {
        { "missing certificate", "missing_field" },
        { "missing key", "missing_field" },
        { "garbage certificate", "invalid_certificate" },
        { "truncated certificate", "invalid_certificate" },
        { "garbage key", "invalid_private_key" },
        { "encrypted key", "invalid_private_key" },
        { "rsa 1024 key", "invalid_private_key" },
        { "key of another certificate", "key_mismatch" },
        { "client-only EKU as server", "type_mismatch" },
        { "server-only EKU as client", "type_mismatch" },
        { "CA that is not a CA", "invalid_ca_certificate" },
        { "chain in the wrong order", "invalid_chain" },
        { "unknown field", "unknown_field" },
        { "read-only field", "read_only_field" },
        { "bad type", "invalid_parameter" },
        { "labels not strings", "invalid_parameter" },
        { "malformed json", "invalid_json" },
        { "duplicate key", "invalid_json" },
        { "json array", "invalid_json" },
        { "bad dry_run flag", "invalid_parameter" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_is_400_with_its_code_and_stores_nothing(string name, string code)
    {
        var before = await CountAsync();
        var (path, json) = Request(name);
        var response = await _admin.PostAsync(path, SslJson.Content(json));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 400, $"{name}: {(int)response.StatusCode} {text}");
        var body = System.Text.Json.JsonDocument.Parse(text).RootElement;
        Assert.Equal(code, body.Code());
        Assert.Equal(code, body.DetailCodes()[0]);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("error").GetProperty("message").GetString()));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_bad_certificate_and_a_bad_key_are_both_reported()
    {
        var body = new JsonObject { ["certificate"] = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", ["private_key"] = "not a key" };
        var (status, error, _) = await _admin.SendAsync(HttpMethod.Post, "/api/v1/ssls", body);
        Assert.Equal(400, status);
        Assert.Contains("invalid_certificate", error.DetailCodes());
        Assert.Contains("invalid_private_key", error.DetailCodes());
        var fields = error.GetProperty("error").GetProperty("details").EnumerateArray().Select(d => d.GetProperty("field").GetString()).ToList();
        Assert.Contains("certificate", fields);
        Assert.Contains("private_key", fields);
    }

    [Fact]
    public async Task A_body_over_1_MiB_is_413_payload_too_large()
    {
        var body = new JsonObject { ["certificate"] = new string('A', 1024 * 1024 + 10), ["private_key"] = Good.KeyPem };
        var (status, error, _) = await _admin.SendAsync(HttpMethod.Post, "/api/v1/ssls", body);
        Assert.Equal(413, status);
        Assert.Equal("payload_too_large", error.Code());
    }

    [Fact]
    public async Task Every_error_response_has_the_error_shape()
    {
        var (_, error, _) = await _admin.SendAsync(HttpMethod.Post, "/api/v1/ssls", new JsonObject { ["bogus"] = 1, ["certificate"] = 2 });
        var root = error.GetProperty("error");
        Assert.Equal("unknown_field", root.GetProperty("code").GetString());
        foreach (var detail in root.GetProperty("details").EnumerateArray())
        {
            Assert.True(detail.TryGetProperty("field", out _));
            Assert.False(string.IsNullOrEmpty(detail.GetProperty("code").GetString()));
            Assert.False(string.IsNullOrEmpty(detail.GetProperty("message").GetString()));
        }
    }

    private async Task<int> CountAsync()
    {
        var page = System.Text.Json.JsonDocument.Parse(await _admin.GetStringAsync("/api/v1/ssls?limit=1000")).RootElement;
        return page.GetProperty("items").GetArrayLength();
    }

    private static (string Path, string Json) Request(string name)
    {
        const string path = "/api/v1/ssls";
        JsonObject Body(TestCert cert, string? type = null) => SslJson.Body(cert, type);
        return name switch
        {
            "missing certificate" => (path, new JsonObject { ["private_key"] = Good.KeyPem }.ToJsonString()),
            "missing key" => (path, SslJson.Body(Good, withKey: false).ToJsonString()),
            "garbage certificate" => (path, new JsonObject { ["certificate"] = "hello", ["private_key"] = Good.KeyPem }.ToJsonString()),
            "truncated certificate" => (path, new JsonObject { ["certificate"] = Good.CertPem[..(Good.CertPem.Length / 2)], ["private_key"] = Good.KeyPem }.ToJsonString()),
            "garbage key" => (path, new JsonObject { ["certificate"] = Good.ChainPem, ["private_key"] = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n" }.ToJsonString()),
            "encrypted key" => (path, new JsonObject { ["certificate"] = Good.ChainPem, ["private_key"] = Good.EncryptedKeyPem }.ToJsonString()),
            "rsa 1024 key" => (path, Body(Root.Issue(new CertSpec { DnsNames = ["weak.errors.test"], Key = KeyKind.Rsa1024 })).ToJsonString()),
            "key of another certificate" => (path, new JsonObject { ["certificate"] = Good.ChainPem, ["private_key"] = Root.Issue("other.errors.test").KeyPem }.ToJsonString()),
            "client-only EKU as server" => (path, Body(Root.Issue(new CertSpec { DnsNames = ["c.errors.test"], ExtendedKeyUsages = [Oids.ClientAuth] })).ToJsonString()),
            "server-only EKU as client" => (path, Body(Good, "client").ToJsonString()),
            "CA that is not a CA" => (path, SslJson.Body(Good, ca: Good.CertPem).ToJsonString()),
            "chain in the wrong order" => (path, ChainInWrongOrder()),
            "unknown field" => (path, new JsonObject { ["certificate"] = Good.ChainPem, ["private_key"] = Good.KeyPem, ["nickname"] = "x" }.ToJsonString()),
            "read-only field" => (path, new JsonObject { ["certificate"] = Good.ChainPem, ["private_key"] = Good.KeyPem, ["fingerprint_sha256"] = "00" }.ToJsonString()),
            "bad type" => (path, Body(Good, "proxy").ToJsonString()),
            "labels not strings" => (path, new JsonObject { ["certificate"] = Good.ChainPem, ["private_key"] = Good.KeyPem, ["labels"] = new JsonArray(1, 2) }.ToJsonString()),
            "malformed json" => (path, "{\"certificate\": "),
            "duplicate key" => (path, $"{{\"certificate\": {Quote(Good.ChainPem)}, \"certificate\": {Quote(Good.ChainPem)}, \"private_key\": {Quote(Good.KeyPem)}}}"),
            "json array" => (path, "[1,2]"),
            "bad dry_run flag" => (path + "?dry_run=maybe", Body(Good).ToJsonString()),
            _ => throw new ArgumentException(name),
        };
    }

    private static string ChainInWrongOrder()
    {
        var intermediate = Root.Issue(new CertSpec { CommonName = "Intermediate", IsCa = true, DnsNames = null, ExtendedKeyUsages = null });
        var leaf = intermediate.Issue("order.errors.test");
        var reversed = intermediate.CertPem + leaf.CertPem;
        return new JsonObject { ["certificate"] = reversed, ["private_key"] = leaf.KeyPem }.ToJsonString();
    }

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
