using System.Text.Json;
using Gatehouse.Configuration;
using Gatehouse.Core.Json;
using Gatehouse.Core.Secrets;
using Gatehouse.Core.Ssl;
using Gatehouse.Functional.Tests.Api;
using Gatehouse.Storage;
using Gatehouse.Storage.Sqlite;
using Gatehouse.Testing.Pki;
using Gatehouse.Testing.Process;
using Gatehouse.Testing.Tls;

namespace Gatehouse.Functional.Tests.Gateway;

/// <summary>
/// A stored key that is not its certificate's is never served (DESIGN.md §6). An object loaded from a matching summary
/// parses no certificate and decrypts no key at load, so the TLS context build is where its pair is checked: a record
/// edited outside the Admin API to hold another certificate's key (encrypted with the keyring, for this very object)
/// must make every handshake for its name fail, while the store's other objects are served.
/// </summary>
public sealed class StoredKeyMismatchTests
{
    private static readonly TestCert Root = TestPki.CreateRoot("Key Pair Root");

    [Theory]
    [InlineData(KeyKind.EcP256)]
    [InlineData(KeyKind.Rsa2048)]
    public async Task A_summarised_object_whose_stored_key_was_edited_to_another_is_refused_and_its_neighbour_served(KeyKind kind)
    {
        var kept = Root.Issue(new CertSpec { DnsNames = ["kept.keypair.test"], Key = kind });
        var edited = Root.Issue(new CertSpec { DnsNames = ["edited.keypair.test"], Key = kind });
        var stranger = Root.Issue(new CertSpec { DnsNames = ["stranger.keypair.test"], Key = kind });
        var data = Directory.CreateTempSubdirectory("gatehouse-test-").FullName;
        try
        {
            string id;
            await using (var first = await GatehouseProcess.StartInAsync(data, ownsDirectory: false))
            {
                await first.CreateSslAsync(SslJson.Body(kept));
                id = await first.CreateSslAsync(SslJson.Body(edited));
                Assert.Equal(edited.FingerprintSha256, await OpenSslClient.ServedFingerprintAsync(first.HttpsPort, "edited.keypair.test"));
                await first.StopAsync(TimeSpan.FromSeconds(40));
            }

            await EditKeyAsync(data, id, stranger.KeyPem);

            await using var second = await GatehouseProcess.StartInAsync(data, ownsDirectory: false);
            using (var admin = second.AdminClient())
            {
                // Loaded and selected for its name: the refusals below are the key check's, not a load that left it out.
                var (status, explained, text) = await admin.SendAsync(HttpMethod.Get, "/api/v1/sni/edited.keypair.test");
                Assert.True(status == 200, text);
                Assert.Equal(id, explained.GetProperty("winner").GetString());
            }
            Assert.Equal(kept.FingerprintSha256, await OpenSslClient.ServedFingerprintAsync(second.HttpsPort, "kept.keypair.test"));
            // Refused by both probes (null only on a refusal: a probe that could not ask throws), and again on the next
            // handshake: the failed build of this revision is not retried into serving it.
            Assert.Null(await OpenSslClient.ServedFingerprintAsync(second.HttpsPort, "edited.keypair.test"));
            Assert.Null(await TlsProbe.ServedFingerprintAsync(second.HttpsPort, "edited.keypair.test"));
            Assert.Null(await OpenSslClient.ServedFingerprintAsync(second.HttpsPort, "edited.keypair.test"));
            Assert.Equal(kept.FingerprintSha256, await OpenSslClient.ServedFingerprintAsync(second.HttpsPort, "kept.keypair.test"));
            Assert.All(SslJson.Base64Lines(stranger.KeyPem), line => Assert.DoesNotContain(line, second.Output));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>
    /// An edit outside the Admin API: the certificate, and so the stored summary that binds its text, stays; the key
    /// becomes <paramref name="keyPem"/>, encrypted with the data directory's keyring for this object's storage key.
    /// </summary>
    private static async Task EditKeyAsync(string data, string id, string keyPem)
    {
        var keyring = Keyring.Parse(await File.ReadAllTextAsync(Path.Combine(data, "keyring")));
        var key = StoreKeys.Ssl(id);
        await using var store = await SqliteConfigStore.OpenAsync(Path.Combine(data, "gatehouse.db"));
        var item = await store.GetAsync(key);
        Assert.NotNull(item);
        var record = JsonSerializer.Deserialize<SslObjectRecord>(item.Value, GatehouseJson.StoredOptions)!;
        Assert.True(record.Summary?.Describes(record), "the written record carries a summary that still matches its certificate");
        var edited = record with { PrivateKey = keyring.Encrypt(keyPem, key) };
        Assert.True(edited.Summary!.Describes(edited), "the edit leaves the summary matching: the load trusts it");
        var commit = await store.CommitAsync([], [new StoreMutation.Put(key, ConfigCodec.Encode(edited))]);
        Assert.True(commit.Succeeded);
    }
}
