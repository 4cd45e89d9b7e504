using Gatehouse.ControlPlane.Access;
using Gatehouse.ControlPlane.Console.Security;
using Gatehouse.Storage;
using Gatehouse.Storage.Sqlite;

namespace Gatehouse.Functional.Tests.Console;

/// <summary>Server-side console sessions on a real SQLite store, with a clock the test moves: the absolute lifetime and the sweep.</summary>
public sealed class ConsoleSessionStoreTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gatehouse-sessions-").FullName;
    private readonly MovableClock _clock = new(DateTimeOffset.Parse("2030-01-01T08:00:00Z"));
    private SqliteConfigStore _store = null!;

    public async Task InitializeAsync() => _store = await SqliteConfigStore.OpenAsync(Path.Combine(_directory, "gatehouse.db"));

    [Fact]
    public async Task A_session_ends_at_its_absolute_lifetime_however_active_and_is_then_swept()
    {
        var sessions = new ConsoleSessionStore(_store, _clock);
        var id = await sessions.CreateAsync(new Principal("alice", Role.Operator, new string('a', 64)), bootstrapStamp: null, default);
        var record = await sessions.FindAsync(id, default);
        Assert.NotNull(record);
        Assert.Equal("alice", record.Principal);

        _clock.Now += ConsoleSessionStore.AbsoluteLifetime - TimeSpan.FromSeconds(1);
        Assert.NotNull(await sessions.FindAsync(id, default));
        _clock.Now += TimeSpan.FromSeconds(2);
        Assert.Null(await sessions.FindAsync(id, default));

        Assert.Equal(1, await sessions.SweepAsync(default));
        Assert.Empty((await _store.ListAsync(StoreKeys.Sessions)).Items);
    }

    [Fact]
    public async Task The_store_holds_a_hash_of_the_session_id_never_the_id()
    {
        var sessions = new ConsoleSessionStore(_store, _clock);
        var id = await sessions.CreateAsync(Principal.Bootstrap, bootstrapStamp: "stamp", default);
        var items = (await _store.ListAsync(StoreKeys.Sessions)).Items;
        Assert.Single(items);
        Assert.DoesNotContain(id, items[0].Key + items[0].Value);

        await sessions.RevokeAsync(id, default);
        Assert.Null(await sessions.FindAsync(id, default));
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private sealed class MovableClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
