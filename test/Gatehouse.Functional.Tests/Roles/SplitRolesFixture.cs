namespace Gatehouse.Functional.Tests.Roles;

/// <summary>One etcd, one control plane and two gateways for a test class.</summary>
public sealed class SplitRolesFixture : IAsyncLifetime
{
    private SplitRoles? _roles;

    public SplitRoles Roles => _roles ?? throw new InvalidOperationException("The fixture is not initialised.");

    public async Task InitializeAsync() => _roles = await SplitRoles.StartAsync(gateways: 2);

    public async Task DisposeAsync()
    {
        if (_roles is not null) await _roles.DisposeAsync();
    }
}
