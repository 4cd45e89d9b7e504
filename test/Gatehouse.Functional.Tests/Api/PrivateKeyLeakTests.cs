using System.Text.Json.Nodes;
using Gatehouse.Testing.Pki;

namespace Gatehouse.Functional.Tests.Api;

/// <summary>The private key never comes back: not in responses, errors, logs, or plaintext on disk.</summary>
public sealed class PrivateKeyLeakTests(GatehouseFixture fixture) : IClassFixture<GatehouseFixture>
{
    private readonly HttpClient _admin = fixture.Process.AdminClient();

    [Fact]
    public async Task A_key_pasted_into_the_wrong_place_never_comes_back()
    {
        var cert = TestPki.CreateRoot().Issue(new CertSpec { DnsNames = ["paste.leak.test"], Key = KeyKind.Rsa2048 });
        var keyPem = cert.KeyPem;
        var attempts = new List<string>
        {
            new JsonObject { ["certificate"] = keyPem, ["private_key"] = keyPem }.ToJsonString(),
            new JsonObject { ["certificate"] = cert.ChainPem, ["private_key"] = cert.KeyPem, ["ca_certificate"] = keyPem }.ToJsonString(),
            new JsonObject { ["certificate"] = cert.ChainPem, ["private_key"] = cert.KeyPem, ["note"] = keyPem }.ToJsonString(),
            new JsonObject { ["certificate"] = cert.ChainPem, ["private_key"] = cert.KeyPem, [keyPem] = "x" }.ToJsonString(),
            new JsonObject { ["certificate"] = cert.ChainPem, ["private_key"] = cert.KeyPem, ["labels"] = keyPem }.ToJsonString(),
            new JsonObject { ["certificate"] = cert.ChainPem, ["private_key"] = cert.KeyPem, ["type"] = keyPem }.ToJsonString(),
            "{\"certificate\": \"" + keyPem.Replace("\n", "\\n") + "\", \"private_key\": ",
            "{\"private_key\": \"" + keyPem.Replace("\n", "\\n") + "\"",
            keyPem,
        };
        foreach (var json in attempts)
        {
            var response = await _admin.PostAsync("/api/v1/ssls", SslJson.Content(json));
            var text = await response.Content.ReadAsStringAsync();
            Assert.Equal(400, (int)response.StatusCode);
            AssertNoKey(text, keyPem);
        }
    }

    [Fact]
    public async Task The_key_is_in_no_response_no_log_line_and_no_file_in_plaintext()
    {
        var root = TestPki.CreateRoot();
        var rsa = root.Issue(new CertSpec { DnsNames = ["rsa.leak.test"], Key = KeyKind.Rsa2048 });
        var ec = root.Issue("ec.leak.test");
        var responses = new List<string>();

        var created = await _admin.CreateAsync(SslJson.Body(rsa));
        var id = created.GetProperty("id").GetString()!;
        responses.Add(created.ToString());
        responses.Add(await _admin.GetStringAsync($"/api/v1/ssls/{id}"));
        responses.Add(await _admin.GetStringAsync("/api/v1/ssls"));
        responses.Add(await _admin.GetStringAsync("/api/v1/ssls?sni=rsa.leak.test"));
        responses.Add(await _admin.GetStringAsync("/api/v1/sni/rsa.leak.test"));
        var traditional = new JsonObject { ["certificate"] = ec.ChainPem, ["private_key"] = ec.TraditionalKeyPem };
        responses.Add((await _admin.CreateAsync(traditional)).ToString());
        responses.Add((await _admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{id}?dry_run=true", SslJson.Body(rsa))).Text);
        responses.Add((await _admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{id}", SslJson.Body(rsa))).Text);
        responses.Add((await _admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{id}", SslJson.Body(rsa, type: "client"))).Text);
        using var anonymous = fixture.Process.AdminClient(token: null);
        responses.Add(await anonymous.GetStringAsync("/metrics"));
        responses.Add(await anonymous.GetStringAsync("/openapi/v1.json"));

        foreach (var keyPem in new[] { rsa.KeyPem, rsa.TraditionalKeyPem, ec.KeyPem, ec.TraditionalKeyPem })
        {
            foreach (var response in responses) AssertNoKey(response, keyPem);
            AssertNoKey(fixture.Process.Output, keyPem);
            foreach (var file in Directory.EnumerateFiles(fixture.Process.DataDirectory, "*", SearchOption.AllDirectories))
                AssertNoKey(await ReadSharedAsync(file), keyPem);
        }
        Assert.DoesNotContain("PRIVATE KEY", fixture.Process.Output);
    }

    private static void AssertNoKey(string text, string keyPem)
    {
        foreach (var line in SslJson.Base64Lines(keyPem)) Assert.DoesNotContain(line, text);
    }

    internal static async Task<string> ReadSharedAsync(string path)
    {
        try
        {
            return await ReadAsync(path);
        }
        catch (IOException) when (new FileInfo(path).Length == 0)
        {
            return ""; // an empty lock file the running process holds exclusively
        }
    }

    private static async Task<string> ReadAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
        return await reader.ReadToEndAsync();
    }
}
