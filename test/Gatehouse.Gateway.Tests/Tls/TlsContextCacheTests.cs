using Gatehouse.Core.Secrets;
using Gatehouse.Core.Ssl;
using Gatehouse.Gateway.Tls;
using Gatehouse.Storage;
using Gatehouse.Testing.Pki;
using static Gatehouse.Gateway.Tests.TestObjects;

namespace Gatehouse.Gateway.Tests.Tls;

/// <summary>Lazy, bounded TLS contexts: one build per object revision, reused, least recently used evicted beyond the bound.</summary>
public sealed class TlsContextCacheTests
{
    private static readonly TestCert ShopCert = ServerCert("shop.test");
    private readonly Keyring _keyring = Keyring.Generate();

    private SslObjectModel Stored(string id, TestCert cert, long revision = 1) =>
        SslObjectModel.Load(Record(id, cert, key: _keyring.Encrypt(cert.KeyPem, StoreKeys.Ssl(id))), revision, Now);

    private TlsContextCache Cache(int capacity = TlsContextCache.DefaultCapacity) =>
        new(new ServerTlsOptionsFactory(_keyring, TimeProvider.System), capacity);

    [Fact]
    public async Task Concurrent_first_handshakes_share_one_build_and_later_ones_reuse_it()
    {
        var cache = Cache();
        var model = Stored("shop", ShopCert);
        using var start = new ManualResetEventSlim();

        var handshakes = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            start.Wait();
            return cache.Get(model);
        })).ToList();
        start.Set();
        var served = await Task.WhenAll(handshakes);

        Assert.Equal(1, cache.Builds);
        Assert.All(served, s => Assert.Same(served[0], s));
        Assert.Same(served[0].TlsOptions, cache.Get(model).TlsOptions);
        Assert.NotNull(served[0].TlsOptions.ServerCertificateContext);
        Assert.Equal(1, cache.Builds);
    }

    [Fact]
    public void A_new_revision_is_built_again()
    {
        var cache = Cache();
        var first = cache.Get(Stored("shop", ShopCert, 1));

        var second = cache.Get(Stored("shop", ServerCert("shop.test"), 2));

        Assert.NotSame(first, second);
        Assert.Equal(2, cache.Builds);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void The_bound_holds_and_evicts_the_least_recently_used()
    {
        var cache = Cache(capacity: 2);
        var (a, b, c) = (Stored("a", ServerCert("a.test")), Stored("b", ServerCert("b.test")), Stored("c", ServerCert("c.test")));
        var servedA = cache.Get(a);
        cache.Get(b);
        Assert.Same(servedA, cache.Get(a)); // a is now the most recently used

        cache.Get(c);

        Assert.Equal(2, cache.Count);
        Assert.Same(servedA, cache.Get(a));
        Assert.Equal(3, cache.Builds);
        cache.Get(b); // b was evicted: built again
        Assert.Equal(4, cache.Builds);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void A_build_reads_the_stored_chain_and_leaves_a_summarised_objects_facts_unparsed()
    {
        var record = Record("shop", ShopCert, key: _keyring.Encrypt(ShopCert.KeyPem, StoreKeys.Ssl("shop")));
        var stored = Model([SslObjectModel.Load(record, 1, Now)], []).Ssls["shop"];
        Assert.False(stored.Facts.IsChainParsed); // loaded from its summary

        var served = Cache().Get(stored);

        Assert.Equal(ShopCert.Certificate.RawData, served.TlsOptions.ServerCertificateContext!.TargetCertificate.RawData);
        Assert.False(stored.Facts.IsChainParsed);
    }
}
