using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdminCenter.Core.Connectors;

public sealed class UnresponsiveConnectorMonitorOptions
{
    /// <summary>How often partner silence is checked; thresholds are whole days, so minutes are precise enough.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>Marks connectors Unresponsive once their partner is silent longer than its threshold (spec 02).</summary>
public sealed partial class UnresponsiveConnectorMonitor(
    MtdConnectorService connectors,
    TimeProvider timeProvider,
    IOptions<UnresponsiveConnectorMonitorOptions> options,
    ILogger<UnresponsiveConnectorMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckInterval, timeProvider);
        do
        {
            try
            {
                await connectors.MarkSilentConnectorsUnresponsiveAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One failed sweep must not stop the monitor; the next tick tries again.
                LogSweepFailed(ex);
            }
        }
        while (await WaitForNextTickAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitForNextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Checking connectors for partner silence failed")]
    private partial void LogSweepFailed(Exception exception);
}
