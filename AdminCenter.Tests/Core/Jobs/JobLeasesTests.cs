using AdminCenter.Core.Jobs;
using AdminCenter.Core.Persistence;
using AdminCenter.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Tests.Core.Jobs;

public sealed class JobLeasesTests : IDisposable
{
    private static readonly DateTime Period = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);

    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task TryClaimPeriodAsync_TwoInstancesTogether_OneClaimsEachPeriod()
    {
        var instances = new[] { new JobLeases(_database, "instance-a"), new JobLeases(_database, "instance-b") };

        var claims = new List<bool[]>();
        foreach (var period in new[] { Period, Period.AddMinutes(5), Period.AddMinutes(10) })
        {
            claims.Add(await Task.WhenAll(instances.Select(i => i.TryClaimPeriodAsync("Sweep", period, period.AddSeconds(1)))));
        }

        Assert.All(claims, pair => Assert.Single(pair, claimed => claimed));
        await using var db = _database.CreateDbContext();
        var run = await db.Set<JobRun>().SingleAsync();
        Assert.Equal(("Sweep", Period.AddMinutes(10), Period.AddMinutes(10).AddSeconds(1)), (run.Name, run.LastPeriodStart, run.LastRunDateTime));
        Assert.True(run.Instance is "instance-a" or "instance-b", run.Instance);
    }

    [Fact]
    public async Task TryClaimPeriodAsync_PeriodAlreadyPassed_Refused()
    {
        var leases = new JobLeases(_database, "instance-a");
        Assert.True(await leases.TryClaimPeriodAsync("Sweep", Period.AddHours(1), Period.AddHours(1)));

        var claimedSame = await leases.TryClaimPeriodAsync("Sweep", Period.AddHours(1), Period.AddHours(1).AddMinutes(1));
        var claimedEarlier = await leases.TryClaimPeriodAsync("Sweep", Period, Period.AddHours(1).AddMinutes(2));
        var claimedOtherJob = await leases.TryClaimPeriodAsync("Retention", Period, Period.AddHours(1).AddMinutes(2));

        Assert.False(claimedSame);
        Assert.False(claimedEarlier);
        Assert.True(claimedOtherJob);
    }

    [Fact]
    public async Task TryAcquireAsync_LeaseHeldByAnotherInstance_RefusedUntilReleased()
    {
        var first = new JobLeases(_database, "instance-a");
        var second = new JobLeases(_database, "instance-b");
        var held = await first.TryAcquireAsync("Sweep");

        var whileHeld = await second.TryAcquireAsync("Sweep");
        var otherName = await second.TryAcquireAsync("Retention");
        await held!.DisposeAsync();
        var afterRelease = await second.TryAcquireAsync("Sweep");

        Assert.Null(whileHeld);
        Assert.NotNull(otherName);
        Assert.NotNull(afterRelease);
        Assert.False(afterRelease.IsLost);
        await otherName.DisposeAsync();
        await afterRelease.DisposeAsync();
    }

    [Fact]
    public async Task TryAcquireAsync_HoldersDatabaseSessionEnds_LeaseLostAndTakenByTheOther()
    {
        var held = (await new JobLeases(_database, "instance-a").TryAcquireAsync("Sweep"))!;
        var other = new JobLeases(_database, "instance-b");
        if (TestProvider.Current == DatabaseProvider.Sqlite)
        {
            // One SQLite file is one instance (spec 08): its lease lives as long as the process and cannot be lost.
            Assert.False(held.Lost.CanBeCanceled);
            Assert.Null(await other.TryAcquireAsync("Sweep"));
            return;
        }

        // What PostgreSQL does when the holding process dies: its session ends, and its advisory locks with it.
        await using (var db = _database.CreateDbContext())
        {
            await db.Database.ExecuteSqlRawAsync("""
                SELECT pg_terminate_backend(pid) FROM pg_locks
                WHERE locktype = 'advisory' AND pid <> pg_backend_pid()
                  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                """);
        }
        await using var taken = await other.AcquireAsync("Sweep").WaitAsync(TimeSpan.FromSeconds(20));

        Assert.False(taken.IsLost);
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (held.Lost.Register(() => lost.TrySetResult()))
        {
            await lost.Task.WaitAsync(TimeSpan.FromSeconds(20));
        }
        Assert.True(held.IsLost);
        await held.DisposeAsync();
    }

    [Fact]
    public async Task AcquireAsync_LeaseHeld_WaitsForItsRelease()
    {
        var held = await new JobLeases(_database, "instance-a").TryAcquireAsync("Seeding");

        var waiting = new JobLeases(_database, "instance-b").AcquireAsync("Seeding");
        Assert.False(waiting.IsCompleted);
        await held!.DisposeAsync();

        await using var acquired = await waiting.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.False(acquired.IsLost);
    }

    [Theory]
    [InlineData("2026-11-25T09:04:59", 5, "2026-11-25T09:00:00")]
    [InlineData("2026-11-25T09:05:00", 5, "2026-11-25T09:05:00")]
    [InlineData("2026-11-25T13:30:00", 360, "2026-11-25T12:00:00")]
    public void PeriodStart_TimeInAPeriod_StartOfThatPeriod(string now, int minutes, string expected)
    {
        var start = JobLeases.PeriodStart(DateTime.Parse(now, null, System.Globalization.DateTimeStyles.AdjustToUniversal), TimeSpan.FromMinutes(minutes));

        Assert.Equal(DateTime.Parse(expected, null, System.Globalization.DateTimeStyles.AdjustToUniversal), start);
        Assert.Equal(DateTimeKind.Utc, start.Kind);
    }
}
