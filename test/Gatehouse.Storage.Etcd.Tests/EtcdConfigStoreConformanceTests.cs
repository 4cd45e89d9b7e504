using Gatehouse.Testing.Storage;

namespace Gatehouse.Storage.Etcd.Tests;

/// <summary>
/// Runs the backend conformance suite against a real etcd: one etcd process per class, its key space emptied
/// before each test (the suite uses fixed keys and asserts revisions relative to the start of each test).
/// </summary>
public sealed class EtcdConfigStoreConformanceTests(EtcdFixture etcd) : ConfigStoreConformanceTests, IClassFixture<EtcdFixture>
{
    protected override async Task<IConfigStore> CreateStoreAsync()
    {
        await etcd.ClearAsync();
        return await EtcdConfigStore.ConnectAsync(etcd.Server.Endpoint);
    }

    // etcd's compaction at N drops the history below N and keeps revision N watchable, so the suite's "up to and
    // including" is met one revision short; its assertions (a watch from below N gets Compacted) still hold.
    protected override Task CompactAsync(IConfigStore store, long upToRevision) =>
        ((EtcdConfigStore)store).CompactAsync(upToRevision);
}
