using System.Security.Cryptography;
using Gatehouse.Functional.Tests.Api;
using Gatehouse.Storage;
using Gatehouse.Storage.Etcd;
using Gatehouse.Testing.Etcd;
using Gatehouse.Testing.Process;

namespace Gatehouse.Functional.Tests.Access;

/// <summary>Two control planes on one real etcd: a token made on one works on the other, and its deletion or expiry is refused by both at once.</summary>
public sealed class SharedStoreRevocationTests : IAsyncLifetime
{
    private EtcdServer _etcd = null!;
    private GatehouseProcess _first = null!;
    private GatehouseProcess _second = null!;

    public async Task InitializeAsync()
    {
        _etcd = await EtcdServer.StartAsync();
        var environment = new Dictionary<string, string?> { ["GATEHOUSE_KEYRING"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
        var store = "etcd://" + new Uri(_etcd.Endpoint).Authority;
        _first = await GatehouseProcess.StartRoleAsync("control-plane", environment, waitReady: true, "--store", store);
        _second = await GatehouseProcess.StartRoleAsync("control-plane", environment, waitReady: true, "--store", store);
    }

    [Fact]
    public async Task A_token_deleted_on_one_control_plane_is_refused_by_the_other_at_once()
    {
        using var adminOnFirst = _first.AdminClient();
        var secret = await NamedTokens.CreateAsync(adminOnFirst, "shared-operator", "operator");
        using var onSecond = _second.AdminClient(secret);
        Assert.Equal(200, (await onSecond.SendAsync(HttpMethod.Get, "/api/v1/ssls")).Status);

        Assert.Equal(204, (await adminOnFirst.SendAsync(HttpMethod.Delete, "/api/v1/tokens/shared-operator")).Status);
        var (status, body, _) = await onSecond.SendAsync(HttpMethod.Get, "/api/v1/ssls");
        Assert.Equal(401, status);
        Assert.Equal("unauthorized", body.Code());
        using var onFirst = _first.AdminClient(secret);
        Assert.Equal(401, (await onFirst.SendAsync(HttpMethod.Get, "/api/v1/ssls")).Status);
    }

    [Fact]
    public async Task An_expired_token_is_refused_by_every_control_plane()
    {
        using var adminOnSecond = _second.AdminClient();
        var expires = DateTimeOffset.UtcNow.AddSeconds(10);
        var secret = await NamedTokens.CreateAsync(adminOnSecond, "shared-expiring", "viewer", expires);
        using var onFirst = _first.AdminClient(secret);
        using var onSecond = _second.AdminClient(secret);
        Assert.Equal(200, (await onFirst.SendAsync(HttpMethod.Get, "/api/v1/services")).Status);

        await Task.Delay(expires - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(300));
        Assert.Equal(401, (await onFirst.SendAsync(HttpMethod.Get, "/api/v1/services")).Status);
        Assert.Equal(401, (await onSecond.SendAsync(HttpMethod.Get, "/api/v1/services")).Status);
    }

    [Fact]
    public async Task Etcd_holds_the_hash_of_a_secret_never_the_secret()
    {
        using var admin = _first.AdminClient();
        var secret = await NamedTokens.CreateAsync(admin, "etcd-hash-only", "admin");
        using var named = _second.AdminClient(secret);
        Assert.Equal(200, (await named.SendAsync(HttpMethod.Get, "/api/v1/tokens")).Status);

        await using var store = await EtcdConfigStore.ConnectAsync(_etcd.Endpoint);
        var listing = await store.ListAsync(StoreKeys.Root);
        var everything = string.Join("\n", listing.Items.Select(i => i.Key + "=" + i.Value));
        var hash = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));
        Assert.Contains(hash, everything);
        Assert.DoesNotContain(secret, everything);
        Assert.DoesNotContain(secret[4..], everything);
        Assert.DoesNotContain(secret, _first.Output + _second.Output);
    }

    public async Task DisposeAsync()
    {
        if (_second is not null) await _second.DisposeAsync();
        if (_first is not null) await _first.DisposeAsync();
        if (_etcd is not null) await _etcd.DisposeAsync();
    }
}
