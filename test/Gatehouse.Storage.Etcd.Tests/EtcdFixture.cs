using Gatehouse.Testing.Etcd;
using dotnet_etcd;
using Etcdserverpb;
using Google.Protobuf;
using Grpc.Core;

namespace Gatehouse.Storage.Etcd.Tests;

/// <summary>One etcd for a whole test class; <see cref="ClearAsync"/> empties its key space between tests.</summary>
public sealed class EtcdFixture : IAsyncLifetime
{
    private EtcdServer? _server;

    public EtcdServer Server => _server ?? throw new InvalidOperationException("The fixture is not initialised.");

    public async Task InitializeAsync() => _server = await EtcdServer.StartAsync();

    /// <summary>
    /// Deletes every key. The revision carries over (etcd never resets it), which the conformance suite allows:
    /// it asserts revisions relative to the store's revision at the start of a test.
    /// </summary>
    public async Task ClearAsync()
    {
        using var client = new EtcdClient(Server.Endpoint, configureChannelOptions: options => options.Credentials = ChannelCredentials.Insecure);
        var everything = ByteString.CopyFrom(0);
        await client.DeleteAsync(new DeleteRangeRequest { Key = everything, RangeEnd = everything });
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
