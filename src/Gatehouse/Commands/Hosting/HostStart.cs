using Microsoft.AspNetCore.Builder;

namespace Gatehouse.Commands.Hosting;

/// <summary>How a role starts each of its hosts while a SIGTERM may arrive (DESIGN.md §7: SIGTERM is a clean stop).</summary>
internal static class HostStart
{
    /// <summary>
    /// Starts <paramref name="host"/> unless <paramref name="stopping"/> is already cancelled, and returns whether it runs.
    /// The start itself is not cancelled (a host whose start is cancelled logs "Hosting failed to start" and its background
    /// services as failed; a start takes milliseconds to half a second): a SIGTERM that arrives meanwhile stops the host
    /// right after, and false says so.
    /// </summary>
    public static async Task<bool> TryStartAsync(this WebApplication host, CancellationToken stopping)
    {
        if (stopping.IsCancellationRequested) return false;
        await host.StartAsync(CancellationToken.None);
        if (!stopping.IsCancellationRequested) return true;
        await host.StopAsync(CancellationToken.None);
        return false;
    }
}
