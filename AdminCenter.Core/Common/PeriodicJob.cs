using AdminCenter.Core.Jobs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AdminCenter.Core.Common;

/// <summary>
/// A background job that runs once at start and then every <see cref="Interval"/> on the injected clock (so tests drive
/// it with a fake one). A failed run is logged and the next tick tries again: one bad run must not stop the job.
/// With several instances on one database (spec 08) each tick first needs the job's lease, which one instance keeps
/// while it lives and another takes on its next tick once that one is gone, and then the claim of the current period
/// (<see cref="JobLeases.TryClaimPeriodAsync"/>), so no period runs twice.
/// </summary>
public abstract partial class PeriodicJob(JobLeases leases, TimeProvider timeProvider, ILogger logger) : BackgroundService, IBackgroundJob
{
    private JobLease? _lease;

    protected abstract TimeSpan Interval { get; }

    /// <summary>What the job does, for the log, e.g. "Checking connectors for partner silence".</summary>
    protected abstract string JobName { get; }

    /// <summary>The name of the job's lease and of its row in JobRuns; the type name unless a job says otherwise.</summary>
    protected virtual string LeaseName => GetType().Name;

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, timeProvider);
        try
        {
            do
            {
                try
                {
                    if (await TakeTurnAsync(stoppingToken))
                    {
                        await RunOnceAsync(stoppingToken);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogRunFailed(JobName, ex);
                }
            }
            while (await WaitForNextTickAsync(timer, stoppingToken));
        }
        finally
        {
            // Let another instance take over at once rather than when this process's connection times out.
            await ReleaseLeaseAsync();
        }
    }

    /// <summary>Whether this instance runs the current period: it holds the lease and is the first to claim the period.</summary>
    private async Task<bool> TakeTurnAsync(CancellationToken cancellationToken)
    {
        if (_lease is { IsLost: true })
        {
            LogLeaseLost(JobName);
            await ReleaseLeaseAsync();
        }
        _lease ??= await leases.TryAcquireAsync(LeaseName, cancellationToken);
        if (_lease is null)
        {
            LogNotLeader(JobName);
            return false;
        }
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var period = JobLeases.PeriodStart(now, Interval);
        if (!await leases.TryClaimPeriodAsync(LeaseName, period, now, cancellationToken))
        {
            LogPeriodAlreadyRan(JobName, period);
            return false;
        }
        return true;
    }

    private async Task ReleaseLeaseAsync()
    {
        if (_lease is { } lease)
        {
            _lease = null;
            await lease.DisposeAsync();
        }
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Job}: another instance holds the job's lease; it runs there")]
    private partial void LogNotLeader(string job);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Job}: the period starting {Period:O} already ran")]
    private partial void LogPeriodAlreadyRan(string job, DateTime period);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Job}: the job's lease was lost (database connection dropped); taking it again")]
    private partial void LogLeaseLost(string job);
}
