using Gatehouse.Testing.Storage;

namespace Gatehouse.Storage.Sqlite.Tests;

/// <summary>Runs the backend conformance suite against a SQLite file in a temporary directory per test.</summary>
public sealed class SqliteConfigStoreConformanceTests : ConfigStoreConformanceTests, IDisposable
{
    private readonly TempDirectory _directory = new();
    private int _stores;

    protected override async Task<IConfigStore> CreateStoreAsync() =>
        await SqliteConfigStore.OpenAsync(_directory.File($"store-{++_stores}.db"));

    protected override Task CompactAsync(IConfigStore store, long upToRevision) =>
        ((SqliteConfigStore)store).CompactAsync(upToRevision);

    public void Dispose() => _directory.Dispose();
}
