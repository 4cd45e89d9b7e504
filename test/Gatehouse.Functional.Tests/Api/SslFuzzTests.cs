using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Testing.Pki;

namespace Gatehouse.Functional.Tests.Api;

/// <summary>
/// Property test over real HTTP: 10 000 mutated certificate, key and CA inputs never produce a 5xx; every
/// 4xx carries a code and stores nothing; every 201 round-trips through GET.
/// </summary>
public sealed class SslFuzzTests(GatehouseFixture fixture) : IClassFixture<GatehouseFixture>
{
    private const int Iterations = 10_000;
    private const int Lanes = 4;

    [Fact]
    public async Task Ten_thousand_mutated_inputs_never_5xx_and_never_half_store()
    {
        var root = TestPki.CreateRoot();
        var intermediate = root.Issue(new CertSpec { CommonName = "Fuzz Intermediate", IsCa = true, DnsNames = null, ExtendedKeyUsages = null });
        var leaves = new[]
        {
            intermediate.Issue("a.fuzz.test"),
            root.Issue(new CertSpec { DnsNames = ["b.fuzz.test", "*.fuzz.test"], Key = KeyKind.Rsa2048 }),
            root.Issue(new CertSpec { DnsNames = ["c.fuzz.test"], ExtendedKeyUsages = [Oids.ClientAuth, Oids.ServerAuth] }),
        };
        using var health = fixture.Process.AdminClient(token: null);
        var revisionBefore = await RevisionAsync(health);
        var created = 0;
        var statuses = new Dictionary<int, int>();

        await Parallel.ForEachAsync(Enumerable.Range(0, Lanes), async (lane, _) =>
        {
            using var client = fixture.Process.AdminClient();
            var random = new Random(1000 + lane);
            for (var i = lane; i < Iterations; i += Lanes)
            {
                var leaf = leaves[random.Next(leaves.Length)];
                var body = Mutate(random, leaf, root, intermediate);
                var response = await client.PostAsync("/api/v1/ssls", SslJson.Content(body));
                var status = (int)response.StatusCode;
                var text = await response.Content.ReadAsStringAsync();
                lock (statuses) statuses[status] = statuses.GetValueOrDefault(status) + 1;
                if (status >= 500) await Task.Delay(1000); // let the server log line arrive for the message below
                Assert.True(status < 500, $"iteration {i}: {status} {text}\n{fixture.Process.Output[^Math.Min(3000, fixture.Process.Output.Length)..]}");
                if (status == 201)
                {
                    Interlocked.Increment(ref created);
                    var view = JsonDocument.Parse(text).RootElement;
                    var fetched = await client.GetStringAsync($"/api/v1/ssls/{view.GetProperty("id").GetString()}");
                    Assert.Equal(view.ToString(), JsonDocument.Parse(fetched).RootElement.ToString());
                }
                else
                {
                    Assert.InRange(status, 400, 499);
                    var code = JsonDocument.Parse(text).RootElement.GetProperty("error").GetProperty("code").GetString();
                    Assert.False(string.IsNullOrEmpty(code));
                }
            }
        });

        // Each stored object is one commit; a refused input committed nothing.
        Assert.Equal(created, await RevisionAsync(health) - revisionBefore);
        using var admin = fixture.Process.AdminClient();
        var all = JsonDocument.Parse(await admin.GetStringAsync("/api/v1/ssls?limit=1000")).RootElement;
        Assert.Equal(Math.Min(created, 1000), all.GetProperty("items").GetArrayLength());
        Assert.True(statuses.GetValueOrDefault(400) > Iterations / 2, "most mutations must be refused");
        Assert.True(created > 0, "some mutations must still be valid objects");
    }

    private static async Task<long> RevisionAsync(HttpClient client) =>
        JsonDocument.Parse(await client.GetStringAsync("/healthz")).RootElement.GetProperty("revision").GetInt64();

    private static string Mutate(Random random, TestCert leaf, TestCert root, TestCert intermediate)
    {
        var certificate = leaf.ChainPem;
        var key = random.Next(2) == 0 ? leaf.KeyPem : leaf.TraditionalKeyPem;
        string? ca = random.Next(4) == 0 ? root.CertPem : null;
        switch (random.Next(3))
        {
            case 0: certificate = MutatePem(random, certificate, root, intermediate); break;
            case 1: key = MutatePem(random, key, root, intermediate); break;
            default: ca = MutatePem(random, ca ?? root.CertPem, root, intermediate); break;
        }
        if (random.Next(10) == 0) key = MutatePem(random, key, root, intermediate);
        var body = new JsonObject { ["certificate"] = certificate, ["private_key"] = key };
        if (ca is not null) body["ca_certificate"] = ca;
        if (random.Next(8) == 0) body["type"] = "client";
        return body.ToJsonString();
    }

    private static string MutatePem(Random random, string pem, TestCert root, TestCert intermediate)
    {
        if (pem.Length == 0) pem = "-";
        switch (random.Next(9))
        {
            case 0: return pem[..random.Next(pem.Length)];
            case 1: return FlipDerBits(random, pem);
            case 2: return pem.Replace("CERTIFICATE", "PRIVATE KEY").Replace("EC PRIVATE KEY", "CERTIFICATE");
            case 3: return Wrap(random.Next(2) == 0 ? "CERTIFICATE" : "PRIVATE KEY", RandomNumberGenerator.GetBytes(random.Next(1, 2000)));
            case 4: return string.Concat(Enumerable.Repeat(intermediate.CertPem, random.Next(9, 14)));
            case 5: return pem + root.CertPem + intermediate.CertPem;
            case 6:
                var chars = pem.ToCharArray();
                chars[random.Next(chars.Length)] = (char)random.Next(0, 0x3000);
                return new string(chars);
            case 7: return "";
            default: return Wrap("CERTIFICATE", DerOf(pem)[..Math.Max(1, random.Next(DerOf(pem).Length))]);
        }
    }

    private static string FlipDerBits(Random random, string pem)
    {
        var der = DerOf(pem);
        for (var flips = random.Next(1, 4); flips > 0; flips--) der[random.Next(der.Length)] ^= (byte)(1 << random.Next(8));
        var label = pem.Contains("RSA PRIVATE KEY") ? "RSA PRIVATE KEY" : pem.Contains("EC PRIVATE KEY") ? "EC PRIVATE KEY"
            : pem.Contains("PRIVATE KEY") ? "PRIVATE KEY" : "CERTIFICATE";
        return Wrap(label, der);
    }

    private static byte[] DerOf(string pem)
    {
        // An input already mutated may hold no PEM any more: mutate its raw text instead.
        return PemEncoding.TryFind(pem, out var fields)
            ? Convert.FromBase64String(pem[fields.Base64Data])
            : System.Text.Encoding.UTF8.GetBytes(pem.Length > 0 ? pem : "x");
    }

    private static string Wrap(string label, byte[] der) => PemEncoding.WriteString(label, der) + "\n";
}
