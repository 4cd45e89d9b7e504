namespace Gatehouse.ControlPlane.Acme;

/// <summary>How the ACME worker runs.</summary>
/// <param name="Interval">Between two looks at the managed objects.</param>
/// <param name="Lease">How long one attempt holds an object against other control planes.</param>
/// <param name="ChallengePropagation">How long a published answer is given to reach every gateway before the CA is told to look.</param>
/// <param name="NodeId">This control plane's name in leases.</param>
internal sealed record AcmeOptions(TimeSpan Interval, TimeSpan Lease, TimeSpan ChallengePropagation, string NodeId)
{
    /// <summary>
    /// Defaults (10 s, 10 min, 1 s), with the interval shortened by <c>GATEHOUSE_ACME_INTERVAL_MS</c> (for tests; not a
    /// documented product option).
    /// </summary>
    public static AcmeOptions FromEnvironment() => new(
        int.TryParse(Environment.GetEnvironmentVariable("GATEHOUSE_ACME_INTERVAL_MS"), out var ms) && ms > 0
            ? TimeSpan.FromMilliseconds(ms)
            : TimeSpan.FromSeconds(10),
        TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(1),
        $"{Environment.MachineName}/{Environment.ProcessId}/{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4))}");
}
