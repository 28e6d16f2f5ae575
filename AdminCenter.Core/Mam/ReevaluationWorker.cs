using AdminCenter.Core.Jobs;
using AdminCenter.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdminCenter.Core.Mam;

public sealed class ReevaluationWorkerOptions
{
    /// <summary>
    /// How often the database is checked for a request this instance was not woken for: one saved on an instance that
    /// died before its pass, or on another instance while this one held the lease.
    /// </summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>
/// Runs the re-evaluation passes the database asks for (<see cref="ReevaluationRequestRow"/>), one instance at a time
/// under a job lease. It looks when this instance saved a change (woken at commit, so without delay), at start and every
/// <see cref="ReevaluationWorkerOptions.CheckInterval"/>. A pass records the stamp it read before it started only once it
/// has ended, so a request that arrives during a pass gets exactly one more, and one whose pass failed is tried again.
/// </summary>
public sealed partial class ReevaluationWorker : BackgroundService, IBackgroundJob
{
    private readonly ReevaluationRequests _requests;
    private readonly IDbContextFactory<AdminCenterDbContext> _dbFactory;
    private readonly JobLeases _leases;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _checkInterval;
    private readonly Func<CancellationToken, Task<int>> _pass;
    private readonly ILogger _logger;

    public ReevaluationWorker(
        ReevaluationRequests requests,
        RegistrationReevaluator reevaluator,
        IDbContextFactory<AdminCenterDbContext> dbFactory,
        JobLeases leases,
        TimeProvider timeProvider,
        IOptions<ReevaluationWorkerOptions> options,
        ILogger<ReevaluationWorker> logger)
        : this(requests, reevaluator.ReevaluateAllAsync, dbFactory, leases, timeProvider, options.Value.CheckInterval, logger)
    {
    }

    /// <summary>With the pass itself given (tests).</summary>
    internal ReevaluationWorker(
        ReevaluationRequests requests,
        Func<CancellationToken, Task<int>> pass,
        IDbContextFactory<AdminCenterDbContext> dbFactory,
        JobLeases leases,
        TimeProvider timeProvider,
        TimeSpan checkInterval,
        ILogger logger)
    {
        _requests = requests;
        _pass = pass;
        _dbFactory = dbFactory;
        _leases = leases;
        _timeProvider = timeProvider;
        _checkInterval = checkInterval;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The periodic check is one more wake-up; the first one looks for requests left while no instance ran.
        using var timer = new PeriodicTimer(_checkInterval, _timeProvider);
        var ticks = WakeOnEveryTickAsync(timer, stoppingToken);
        _requests.Wake();
        try
        {
            await foreach (var _ in _requests.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await RunDuePassesAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        await ticks;
    }

    /// <summary>Under the lease, runs passes until the database has no request left that a finished pass did not cover.</summary>
    private async Task RunDuePassesAsync(CancellationToken cancellationToken)
    {
        // Waiting (not trying) for the lease: if another instance holds it, it may have just ended its last check, so
        // this instance looks again once it has let go instead of waiting for the next period.
        await using var lease = await _leases.AcquireAsync(nameof(ReevaluationWorker), cancellationToken);
        var forced = _requests.TakeForced();
        var passes = 0;
        while (true)
        {
            ReevaluationRequestRow state;
            await using (var db = await _dbFactory.CreateDbContextAsync(cancellationToken))
            {
                state = await ReevaluationRequestRow.ReadAsync(db, cancellationToken);
            }
            if (!state.IsPending && !forced)
            {
                LogChecked(passes);
                return;
            }
            forced = false;
            // Read before the pass starts, so the pass sees everything committed with this stamp.
            var changed = await _pass(cancellationToken);
            await using (var db = await _dbFactory.CreateDbContextAsync(cancellationToken))
            {
                await ReevaluationRequestRow.CompleteAsync(db, state.RequestedStamp, cancellationToken);
            }
            passes++;
            _requests.PassCompleted();
            // A routine pass that changed nothing is noise at Information (seeding alone runs ~100).
            if (changed == 0)
            {
                LogReevaluatedNoChange();
            }
            else
            {
                LogReevaluated(changed);
            }
        }
    }

    private async Task WakeOnEveryTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                _requests.Wake();
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-evaluated every registration; {Changed} outcomes changed")]
    private partial void LogReevaluated(int changed);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Re-evaluated every registration; no outcome changed")]
    private partial void LogReevaluatedNoChange();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Re-evaluation requests checked; {Passes} passes run, none left")]
    private partial void LogChecked(int passes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Re-evaluating registrations failed; the request stays and the next check tries again")]
    private partial void LogFailed(Exception exception);
}
