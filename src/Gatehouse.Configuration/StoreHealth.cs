using System.Diagnostics.Metrics;
using Gatehouse.Storage;
using Microsoft.Extensions.Hosting;

namespace Gatehouse.Configuration;

/// <summary>
/// Whether the store answered its last probe (<see cref="StoreProbe"/>: one single-key read under 1 s), kept as probes
/// arrive: one every <see cref="Interval"/> in the background, and one per <c>/readyz</c>. <c>gatehouse_store_up</c>
/// (meter <see cref="MeterName"/>) reports it, so a scrape never reads the store and the family is always there (0
/// until the first probe answers).
/// </summary>
public sealed class StoreHealth : BackgroundService
{
    public const string MeterName = "Gatehouse.Store";

    /// <summary>How often the store is probed when nothing else asks.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(5);

    private readonly IConfigStore _store;
    private readonly Meter _meter = new(MeterName);
    private volatile int _up;

    /// <param name="interval">Time between background probes; <see cref="DefaultInterval"/> when null.</param>
    public StoreHealth(IConfigStore store, TimeSpan? interval = null)
    {
        _store = store;
        Interval = interval ?? DefaultInterval;
        _meter.CreateObservableGauge("gatehouse_store_up", () => _up,
            description: "1 when the store answered its last one-key read within 1 s (probed every few seconds and on each /readyz), else 0.");
    }

    public TimeSpan Interval { get; }

    /// <summary>The last probe's outcome (false before the first).</summary>
    public bool Up => _up == 1;

    /// <summary>Probes the store now and keeps the outcome.</summary>
    public async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        var answered = await StoreProbe.AnswersAsync(_store, cancellationToken);
        _up = answered ? 1 : 0;
        return answered;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do await ProbeAsync(stoppingToken);
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    public override void Dispose()
    {
        _meter.Dispose();
        base.Dispose();
    }
}
