using System.Threading.Channels;
using AdminCenter.Core.Common;
using AdminCenter.Core.Jobs;
using AdminCenter.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Core.Jobs;

/// <summary>Jobs of two instances on one database (spec 08): one instance at a time, never twice for a period.</summary>
public sealed class PeriodicJobTests : IAsyncLifetime, IDisposable
{
    private const string NotLeader = "another instance holds the job's lease";
    private const string AlreadyRan = "already ran";

    private static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(20);

    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly Channel<(string Instance, DateTime Period)> _runs = Channel.CreateUnbounded<(string, DateTime)>();
    private readonly List<CountingJob> _jobs = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var job in _jobs)
        {
            await job.StopAsync(CancellationToken.None);
            job.Dispose();
        }
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task ExecuteAsync_TwoInstancesStarted_OnlyTheLeaseHolderRunsEachPeriod()
    {
        await StartAsync("instance-a");
        var firstRun = await NextRunAsync();
        var (_, secondLog) = await StartAsync("instance-b");
        await secondLog.WaitForAsync(NotLeader);

        _clock.Advance(CountingJob.Period);
        var secondRun = await NextRunAsync();
        await secondLog.WaitForAsync(NotLeader);
        _clock.Advance(CountingJob.Period);
        var thirdRun = await NextRunAsync();
        await secondLog.WaitForAsync(NotLeader);

        Assert.Equal(
            [("instance-a", Start.UtcDateTime), ("instance-a", Start.UtcDateTime + CountingJob.Period), ("instance-a", Start.UtcDateTime + (2 * CountingJob.Period))],
            [firstRun, secondRun, thirdRun]);
        Assert.False(_runs.Reader.TryRead(out _));
    }

    [Fact]
    public async Task ExecuteAsync_HolderStopsMidPeriod_OtherTakesOverWithoutRepeatingThePeriod()
    {
        var (first, _) = await StartAsync("instance-a");
        Assert.Equal(("instance-a", Start.UtcDateTime), await NextRunAsync());
        await first.StopAsync(CancellationToken.None);

        var (_, secondLog) = await StartAsync("instance-b");
        await secondLog.WaitForAsync(AlreadyRan);
        Assert.False(_runs.Reader.TryRead(out _));
        _clock.Advance(CountingJob.Period);

        Assert.Equal(("instance-b", Start.UtcDateTime + CountingJob.Period), await NextRunAsync());
    }

    [Fact]
    public async Task ExecuteAsync_LeaseHeldElsewhere_RunsOnlyOnTheTickAfterItIsReleased()
    {
        var held = await new JobLeases(_database, "elsewhere").TryAcquireAsync(nameof(CountingJob));
        Assert.NotNull(held);
        var (_, log) = await StartAsync("instance-a");
        await log.WaitForAsync(NotLeader);
        Assert.False(_runs.Reader.TryRead(out _));

        await held.DisposeAsync();
        _clock.Advance(CountingJob.Period);

        Assert.Equal(("instance-a", Start.UtcDateTime + CountingJob.Period), await NextRunAsync());
    }

    private async Task<(CountingJob Job, RecordingLogger Log)> StartAsync(string instance)
    {
        var log = new RecordingLogger();
        var job = new CountingJob(new JobLeases(_database, instance), _clock, log,
            () => _runs.Writer.TryWrite((instance, JobLeases.PeriodStart(_clock.GetUtcNow().UtcDateTime, CountingJob.Period))));
        _jobs.Add(job);
        await job.StartAsync(CancellationToken.None);
        return (job, log);
    }

    private async Task<(string Instance, DateTime Period)> NextRunAsync() =>
        await _runs.Reader.ReadAsync().AsTask().WaitAsync(WaitLimit);

    /// <summary>A job that only reports that it ran.</summary>
    private sealed class CountingJob(JobLeases leases, TimeProvider clock, RecordingLogger logger, Action ran)
        : PeriodicJob(leases, clock, logger)
    {
        public static readonly TimeSpan Period = TimeSpan.FromMinutes(5);

        protected override TimeSpan Interval => Period;

        protected override string JobName => "Counting runs";

        protected override Task RunOnceAsync(CancellationToken cancellationToken)
        {
            ran();
            return Task.CompletedTask;
        }
    }
}
