using Gatehouse.Testing.Process;

namespace Gatehouse.Functional.Tests;

/// <summary>One real gatehouse process shared by the tests of a class.</summary>
public sealed class GatehouseFixture : IAsyncLifetime
{
    private GatehouseProcess? _process;

    public GatehouseProcess Process => _process ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _process = await GatehouseProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (_process is not null) await _process.DisposeAsync();
    }
}
