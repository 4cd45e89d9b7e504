namespace Gatehouse.Acme;

/// <summary>How patiently an <see cref="AcmeClient"/> polls and retries.</summary>
public sealed record AcmeClientOptions
{
    /// <summary>The wait between polls when the CA sends no <c>Retry-After</c>.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between polls, whatever <c>Retry-After</c> says.</summary>
    public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an order may take to become valid before the attempt is given up.</summary>
    public TimeSpan OrderTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>How many times a request refused with <c>badNonce</c> is sent again with a fresh nonce (§6.5).</summary>
    public int BadNonceRetries { get; init; } = 3;
}
