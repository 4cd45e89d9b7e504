namespace Gatehouse.Storage.Sqlite.Tests;

/// <summary>Failures surface as the contract's exceptions and never echo stored values.</summary>
public sealed class SqliteErrorTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private string DatabasePath => _directory.File("gatehouse.db");

    [Fact]
    public async Task A_file_that_is_not_a_database_is_unavailable_without_echoing_its_content()
    {
        const string Secret = "-----BEGIN PRIVATE KEY----- not-a-database";
        await File.WriteAllTextAsync(DatabasePath, Secret + new string('x', 4096));

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => SqliteConfigStore.OpenAsync(DatabasePath));

        Assert.DoesNotContain("PRIVATE KEY", error.ToString());
        Assert.Contains(DatabasePath, error.Message);

        // The failed open released its lock: a retry meets the same damage, not "in use".
        var retry = await Assert.ThrowsAsync<StoreUnavailableException>(() => SqliteConfigStore.OpenAsync(DatabasePath));
        Assert.DoesNotContain("in use", retry.Message);
    }

    [Fact]
    public async Task A_commit_may_change_each_key_only_once()
    {
        await using var store = await SqliteConfigStore.OpenAsync(DatabasePath);

        await Assert.ThrowsAsync<ArgumentException>(() => store.CommitAsync(
            [], [new StoreMutation.Put("/k", "1"), new StoreMutation.Delete("/k")]));
        Assert.Null(await store.GetAsync("/k"));
        Assert.Equal(0, (await store.ListAsync("")).Revision);
    }

    [Fact]
    public async Task Compacting_beyond_the_current_revision_is_refused()
    {
        await using var store = await SqliteConfigStore.OpenAsync(DatabasePath);
        await store.PutAsync("/k", "1");

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.CompactAsync(2));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.CompactAsync(-1));
    }

    [Fact]
    public async Task Invalid_options_are_refused_before_the_file_is_touched()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => SqliteConfigStore.OpenAsync(DatabasePath, new SqliteStoreOptions { ChangeRetention = 0 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => SqliteConfigStore.OpenAsync(DatabasePath, new SqliteStoreOptions { WatchPollInterval = TimeSpan.Zero }));
        Assert.False(File.Exists(DatabasePath));
    }

    public void Dispose() => _directory.Dispose();
}
