using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Core.Json;
using Gatehouse.Core.Ssl;
using Gatehouse.Storage;
using Gatehouse.Testing.Pki;

namespace Gatehouse.Configuration.Tests;

/// <summary>
/// A stored object carries the summary of its certificates (DESIGN.md §11): loading it parses no certificate, gives the
/// same facts a full parse gives, and a summary that no longer matches its record is ignored, never trusted.
/// </summary>
public sealed class StoredSummaryTests
{
    private static readonly TestCert Root = TestPki.CreateRoot("Summary Root");
    private readonly StoredItems _items = new();

    [Fact]
    public void A_written_object_loads_from_its_summary_without_parsing_a_certificate_and_with_the_facts_a_parse_gives()
    {
        var cert = Root.Issue(new CertSpec
        {
            DnsNames = ["a.summary.test", "*.b.summary.test"], AuthorityInfoUrl = "http://ocsp.summary.test/", Sha1 = true,
        });
        var item = _items.Ssl("s1", cert, 5);

        var loaded = _items.Codec.LoadSsl(item)!;
        var parsed = SslObjectModel.Load(Record(item) with { Summary = null }, 5, StoredItems.Now);

        Assert.False(loaded.Facts.IsChainParsed);
        Assert.True(parsed.Facts.IsChainParsed);
        Assert.Equal(parsed.Facts.Snis, loaded.Facts.Snis);
        Assert.Equal(parsed.Facts.Subject, loaded.Facts.Subject);
        Assert.Equal(parsed.Facts.Issuer, loaded.Facts.Issuer);
        Assert.Equal(parsed.Facts.SerialNumber, loaded.Facts.SerialNumber);
        Assert.Equal(parsed.Facts.FingerprintSha256, loaded.Facts.FingerprintSha256);
        Assert.Equal(parsed.Facts.KeyAlgorithm, loaded.Facts.KeyAlgorithm);
        Assert.Equal(parsed.Facts.NotBefore, loaded.Facts.NotBefore);
        Assert.Equal(parsed.Facts.NotAfter, loaded.Facts.NotAfter);
        Assert.Equal(parsed.Facts.WarningsAt(StoredItems.Now), loaded.Facts.WarningsAt(StoredItems.Now));
        Assert.Contains(parsed.Facts.Warnings, w => w.Contains("SHA-1", StringComparison.Ordinal));
        Assert.Equal(["http://ocsp.summary.test/"], loaded.Facts.OcspResponders.Select(u => u.OriginalString));
        Assert.Equal(parsed.Facts.OcspResponders, loaded.Facts.OcspResponders);

        // The certificates are parsed on first use, and they are the stored ones.
        Assert.Equal(cert.Certificate.Thumbprint, loaded.Facts.Leaf.Thumbprint);
        Assert.True(loaded.Facts.IsChainParsed);
    }

    [Fact]
    public void A_model_loaded_from_its_summary_keeps_the_stored_value_and_decodes_the_record_on_each_read()
    {
        var cert = Root.Issue("lazy.summary.test");
        var stored = _items.Ssl("s1", cert, 5);
        var item = StoreItem.FromUtf8(stored.Key, stored.Utf8Value.ToArray(), 5, 1);

        var loaded = _items.Codec.LoadSsl(item)!;
        var first = loaded.Record;
        var second = loaded.Record;

        // Each read is a fresh decode of the stored bytes (the model holds no record, no PEM text, no ciphertext strings) ...
        Assert.NotSame(first, second);
        Assert.Equal(item.Value, JsonSerializer.Serialize(first, GatehouseJson.Options));
        Assert.Equal(item.Value, JsonSerializer.Serialize(second, GatehouseJson.Options));
        // ... while what every object is indexed and filtered by is held, and the chain still parses from the stored text.
        Assert.Equal("s1", loaded.Id);
        Assert.Equal(first.Name, loaded.Name);
        Assert.Equal(first.Labels, loaded.Labels);
        Assert.False(loaded.Facts.IsChainParsed);
        Assert.Equal(cert.Certificate.Thumbprint, loaded.Facts.ReadChain().Leaf.Thumbprint);
        Assert.False(loaded.Facts.IsChainParsed);
        Assert.Equal(cert.Certificate.Thumbprint, loaded.Facts.Leaf.Thumbprint);
        Assert.True(loaded.Facts.IsChainParsed);
    }

    [Fact]
    public void A_model_parsed_in_full_or_built_from_a_record_keeps_that_record()
    {
        var item = _items.Ssl("s1", Root.Issue("kept.summary.test"), 5);
        var record = Record(item);

        var written = SslObjectModel.Load(record, 5, StoredItems.Now);
        var unsummarized = SslObjectModel.Load(record with { Summary = null }, item.Utf8Value, 5, StoredItems.Now);

        Assert.Same(record, written.Record);
        Assert.Same(unsummarized.Record, unsummarized.Record);
        Assert.True(unsummarized.Facts.IsChainParsed);
    }

    [Fact]
    public void A_summary_left_behind_by_a_certificate_change_is_ignored_and_the_new_certificate_is_parsed()
    {
        var before = _items.Ssl("s1", Root.Issue("old.summary.test"), 5);
        var other = Root.Issue("new.summary.test");
        var edited = Record(before) with { Certificate = other.ChainPem, PrivateKey = _items.Keyring.Encrypt(other.KeyPem, before.Key) };
        var item = new StoreItem(before.Key, JsonSerializer.Serialize(edited, GatehouseJson.Options), 6, 1);

        var loaded = _items.Codec.LoadSsl(item)!;

        Assert.True(loaded.Facts.IsChainParsed);
        Assert.Equal(["new.summary.test"], loaded.Facts.Snis);
        Assert.Equal(other.Certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256).ToLowerInvariant(),
            loaded.Facts.FingerprintSha256);
    }

    [Fact]
    public void A_summary_edited_by_hand_is_ignored()
    {
        var item = _items.Ssl("s1", Root.Issue("real.summary.test"), 5);
        var json = JsonNode.Parse(item.Value)!;
        json["summary"]!["snis"] = new JsonArray("forged.summary.test");
        var edited = new StoreItem(item.Key, json.ToJsonString(), 6, 1);

        var loaded = _items.Codec.LoadSsl(edited)!;

        Assert.True(loaded.Facts.IsChainParsed);
        Assert.Equal(["real.summary.test"], loaded.Facts.Snis);
    }

    [Fact]
    public void An_object_that_authenticates_peers_is_stored_without_a_summary_and_parsed_in_full()
    {
        var record = new SslObjectRecord("p1", "server", Root.Issue("peer.summary.test").ChainPem, Root.CertPem,
            _items.Keyring.Encrypt(Root.Issue("x.summary.test").KeyPem, StoreKeys.Ssl("p1")), [], false, StoredItems.Now, StoredItems.Now);

        var stored = JsonSerializer.Deserialize<SslObjectRecord>(ConfigCodec.Encode(record), GatehouseJson.Options)!;

        Assert.Null(stored.Summary);
        Assert.True(SslObjectModel.Load(stored, 1, StoredItems.Now).Facts.PeerAuthentication);
    }

    [Fact]
    public void An_alt_certificate_loads_from_the_summary_too()
    {
        var rsa = Root.Issue(new CertSpec { DnsNames = ["alt.summary.test"], Key = KeyKind.Rsa2048 });
        var ec = Root.Issue(new CertSpec { DnsNames = ["alt.summary.test"], Key = KeyKind.EcP256 });
        var key = StoreKeys.Ssl("a1");
        var record = new SslObjectRecord("a1", "server", rsa.ChainPem, null, _items.Keyring.Encrypt(rsa.KeyPem, key), [], false,
            StoredItems.Now, StoredItems.Now, AltCertificate: ec.ChainPem,
            AltPrivateKey: _items.Keyring.Encrypt(ec.KeyPem, SslObjectRecord.AltKeyContext(key)));

        var loaded = _items.Codec.LoadSsl(new StoreItem(key, ConfigCodec.Encode(record), 3, 1))!;
        var parsed = SslObjectModel.Load(record, 3, StoredItems.Now);

        Assert.False(loaded.Alt!.IsChainParsed);
        Assert.Equal(parsed.Alt!.FingerprintSha256, loaded.Alt.FingerprintSha256);
        Assert.Equal(parsed.Alt.KeyAlgorithm, loaded.Alt.KeyAlgorithm);
        Assert.True(loaded.Alt.IsEcdsa);
        Assert.Equal((parsed.Alt.NotBefore, parsed.Alt.NotAfter), (loaded.Alt.NotBefore, loaded.Alt.NotAfter));
        Assert.Equal(ec.Certificate.Thumbprint, loaded.Alt.Leaf.Thumbprint);
    }

    [Theory]
    [InlineData("{\"digest\":\"x\"}")]
    [InlineData("{\"digest\":\"x\",\"snis\":[null],\"ocsp_responders\":[\"not a url\"]}")]
    public void A_summary_with_fields_missing_is_ignored_and_the_object_still_loads(string summary)
    {
        var item = _items.Ssl("s1", Root.Issue("partial.summary.test"), 5);
        var json = JsonNode.Parse(item.Value)!;
        json["summary"] = JsonNode.Parse(summary);

        var loaded = _items.Codec.LoadSsl(new StoreItem(item.Key, json.ToJsonString(), 6, 1))!;
        var model = ConfigModel.Load([new StoreItem(item.Key, json.ToJsonString(), 6, 1)], 6, _items.Codec);

        Assert.Equal(["partial.summary.test"], loaded.Facts.Snis);
        Assert.True(loaded.Facts.IsChainParsed);
        Assert.Empty(model.BadItems);
        Assert.Equal(1, model.SslCount);
    }

    [Fact]
    public void A_passing_read_of_the_chain_parses_a_copy_and_keeps_none()
    {
        var intermediate = Root.Issue(new CertSpec { CommonName = "Summary Intermediate", IsCa = true, ExtendedKeyUsages = null });
        var cert = intermediate.Issue("passing.summary.test");
        var item = _items.Ssl("s1", cert, 5);
        var loaded = _items.Codec.LoadSsl(item)!;
        var parsed = SslObjectModel.Load(Record(item) with { Summary = null }, 5, StoredItems.Now);

        var (leaf, intermediates) = loaded.Facts.ReadChain();

        Assert.Equal(cert.Certificate.Thumbprint, leaf.Thumbprint);
        Assert.NotEmpty(intermediates);
        Assert.Equal(parsed.Facts.Intermediates.Select(c => c.Thumbprint), intermediates.Select(c => c.Thumbprint));
        Assert.False(loaded.Facts.IsChainParsed);
    }

    [Fact]
    public void An_alt_key_the_keyring_cannot_decrypt_for_this_object_makes_the_item_bad()
    {
        var rsa = Root.Issue(new CertSpec { DnsNames = ["altkey.summary.test"], Key = KeyKind.Rsa2048 });
        var ec = Root.Issue(new CertSpec { DnsNames = ["altkey.summary.test"], Key = KeyKind.EcP256 });
        var key = StoreKeys.Ssl("a2");
        SslObjectRecord Written(string altKeyContext) => new("a2", "server", rsa.ChainPem, null, _items.Keyring.Encrypt(rsa.KeyPem, key), [],
            false, StoredItems.Now, StoredItems.Now, AltCertificate: ec.ChainPem, AltPrivateKey: _items.Keyring.Encrypt(ec.KeyPem, altKeyContext));

        var good = _items.Codec.LoadSsl(new StoreItem(key, ConfigCodec.Encode(Written(SslObjectRecord.AltKeyContext(key))), 3, 1));
        var swapped = _items.Codec.LoadSsl(new StoreItem(key, ConfigCodec.Encode(Written(key)), 3, 1));

        Assert.NotNull(good);
        Assert.Null(swapped);
    }

    [Fact]
    public void A_record_edited_so_its_key_no_longer_belongs_to_its_certificate_is_a_bad_item()
    {
        var first = Root.Issue("pair.summary.test");
        var second = Root.Issue("pair.summary.test");
        var item = _items.Ssl("s1", second, 5);
        // An edit outside the Admin API puts the first certificate back and keeps the second key (the summary goes stale).
        var edited = Record(item) with { Certificate = first.ChainPem };
        var paired = Record(item) with { Certificate = second.ChainPem, Summary = null };

        var mismatched = _items.Codec.LoadSsl(new StoreItem(item.Key, JsonSerializer.Serialize(edited, GatehouseJson.Options), 6, 1));
        var matching = _items.Codec.LoadSsl(new StoreItem(item.Key, JsonSerializer.Serialize(paired, GatehouseJson.Options), 6, 1));

        Assert.Null(mismatched);
        Assert.NotNull(matching);
        Assert.True(matching.Facts.IsChainParsed);
    }

    [Fact]
    public void An_alt_key_edited_away_from_its_alt_certificate_is_a_bad_item()
    {
        var rsa = Root.Issue(new CertSpec { DnsNames = ["altpair.summary.test"], Key = KeyKind.Rsa2048 });
        var ec = Root.Issue(new CertSpec { DnsNames = ["altpair.summary.test"], Key = KeyKind.EcP256 });
        var otherEc = Root.Issue(new CertSpec { DnsNames = ["altpair.summary.test"], Key = KeyKind.EcP256 });
        var key = StoreKeys.Ssl("a3");
        SslObjectRecord Written(string altKeyPem) => new("a3", "server", rsa.ChainPem, null, _items.Keyring.Encrypt(rsa.KeyPem, key), [],
            false, StoredItems.Now, StoredItems.Now, AltCertificate: ec.ChainPem,
            AltPrivateKey: _items.Keyring.Encrypt(altKeyPem, SslObjectRecord.AltKeyContext(key)));

        var good = _items.Codec.LoadSsl(new StoreItem(key, JsonSerializer.Serialize(Written(ec.KeyPem), GatehouseJson.Options), 3, 1));
        var wrong = _items.Codec.LoadSsl(new StoreItem(key, JsonSerializer.Serialize(Written(otherEc.KeyPem), GatehouseJson.Options), 3, 1));

        Assert.NotNull(good);
        Assert.Null(wrong);
    }

    private static SslObjectRecord Record(StoreItem item) => JsonSerializer.Deserialize<SslObjectRecord>(item.Value, GatehouseJson.Options)!;
}
