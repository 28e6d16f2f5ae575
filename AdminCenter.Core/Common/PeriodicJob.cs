using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AdminCenter.Core.Common;

/// <summary>
/// A background job that runs once at start and then every <see cref="Interval"/> on the injected clock (so tests drive
/// it with a fake one). A failed run is logged and the next tick tries again: one bad run must not stop the job.
/// </summary>
public abstract partial class PeriodicJob(TimeProvider timeProvider, ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    /// <summary>What the job does, for the log, e.g. "Checking connectors for partner silence".</summary>
    protected abstract string JobName { get; }

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, timeProvider);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRunFailed(JobName, ex);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "{Job} failed; the next run tries again")]
    private partial void LogRunFailed(string job, Exception exception);
}
