using Microsoft.Extensions.Hosting;

namespace Gatehouse.Hosting.Builder;

/// <summary>
/// The lifetime of every Gatehouse host: it leaves SIGTERM and Ctrl+C to the command that runs the hosts, which stops
/// them through its cancellation token (<c>WaitForShutdownAsync</c>), each draining its requests. ASP.NET Core's default
/// (<c>ConsoleLifetime</c>) also acts on SIGTERM by itself, so a host still starting when one arrives failed its start
/// ("Hosting failed to start", its background services "failed") instead of being stopped.
/// </summary>
internal sealed class CommandLineLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
