using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdminCenter.Core.Wipe;

public sealed class WipeRetentionOptions
{
    /// <summary>How often completed requests past their 4 days are deleted; an hour late is precise enough.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>Deletes completed wipe requests 4 days after they completed (spec 04); pending ones stay until deleted.</summary>
public sealed partial class WipeRequestRetention(
    WipeService wipes,
    TimeProvider timeProvider,
    IOptions<WipeRetentionOptions> options,
    ILogger<WipeRequestRetention> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, timeProvider);
        do
        {
            try
            {
                await wipes.DeleteExpiredAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One failed sweep must not stop retention; the next tick tries again.
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Deleting expired wipe requests failed")]
    private partial void LogSweepFailed(Exception exception);
}
