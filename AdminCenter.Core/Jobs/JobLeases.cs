using System.Collections.Concurrent;
using System.Data.Common;
using AdminCenter.Core.Persistence;
using Medallion.Threading.Postgres;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Core.Jobs;

/// <summary>
/// Coordinates background work between instances on one database (spec 08): a lease says which instance runs a job
/// at all, and a period claim makes each period run once even if two instances reach it (a lease handed over in the
/// middle of a period, or a lock lost while its holder is still running).
/// </summary>
public sealed class JobLeases(IDbContextFactory<AdminCenterDbContext> dbFactory, string? instance = null)
{
    private const string LockPrefix = "AdminCenter/";

    // One SQLite file serves one instance (spec 08), so its process is the leader; these only keep two hosts of one
    // process (tests, or a seeder racing a job) apart, per database file and lease name.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> ProcessLeases = new(StringComparer.Ordinal);

    /// <summary>This instance, as written in <see cref="JobRun.Instance"/>.</summary>
    public string Instance { get; } = Truncate(instance ?? $"{Environment.MachineName}:{Environment.ProcessId}");

    /// <summary>The lease named <paramref name="name"/> if no instance holds it; null at once otherwise.</summary>
    public Task<JobLease?> TryAcquireAsync(string name, CancellationToken cancellationToken = default) =>
        AcquireAsync(name, TimeSpan.Zero, cancellationToken);

    /// <summary>The lease named <paramref name="name"/>, waiting for whichever instance holds it to let go.</summary>
    public async Task<JobLease> AcquireAsync(string name, CancellationToken cancellationToken = default) =>
        await AcquireAsync(name, Timeout.InfiniteTimeSpan, cancellationToken)
        ?? throw new InvalidOperationException($"The lease '{name}' could not be acquired.");

    /// <summary>
    /// Claims the period starting at <paramref name="periodStart"/> for the job <paramref name="name"/>: true for exactly
    /// one caller per period, whichever instance it runs on; false once any instance claimed that period or a later one.
    /// </summary>
    public async Task<bool> TryClaimPeriodAsync(string name, DateTime periodStart, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "JobRuns" ("Name", "LastPeriodStart", "LastRunDateTime", "Instance")
            VALUES ({name}, {periodStart}, {now}, {Instance})
            ON CONFLICT DO NOTHING
            """, cancellationToken);
        if (inserted == 1)
        {
            return true;
        }
        // The condition is the claim: of two instances updating together, the second finds the period already moved.
        var claimed = await db.Set<JobRun>()
            .Where(run => run.Name == name && run.LastPeriodStart < periodStart)
            .ExecuteUpdateAsync(set => set
                .SetProperty(run => run.LastPeriodStart, periodStart)
                .SetProperty(run => run.LastRunDateTime, now)
                .SetProperty(run => run.Instance, Instance), cancellationToken);
        return claimed == 1;
    }

    /// <summary>The start of the period of length <paramref name="interval"/> that <paramref name="now"/> falls in (aligned to 0001-01-01).</summary>
    public static DateTime PeriodStart(DateTime now, TimeSpan interval) =>
        new(now.Ticks - now.Ticks % interval.Ticks, DateTimeKind.Utc);

    private async Task<JobLease?> AcquireAsync(string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        string connectionString;
        bool postgres;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            postgres = db.Database.IsNpgsql();
            connectionString = db.Database.GetConnectionString()
                ?? throw new InvalidOperationException("The database has no connection string.");
        }
        if (postgres)
        {
            var key = new PostgresAdvisoryLockKey(LockPrefix + name, allowHashing: true);
            var handle = await new PostgresDistributedLock(key, connectionString).TryAcquireAsync(timeout, cancellationToken);
            return handle is null ? null : new JobLease(() => ReleaseAsync(handle), handle.HandleLostToken);
        }
        var gate = ProcessLeases.GetOrAdd(SqliteFile(connectionString) + "|" + name, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(timeout, cancellationToken))
        {
            return null;
        }
        return new JobLease(() =>
        {
            gate.Release();
            return ValueTask.CompletedTask;
        }, CancellationToken.None);
    }

    private static async ValueTask ReleaseAsync(PostgresDistributedLockHandle handle)
    {
        try
        {
            await handle.DisposeAsync();
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            // Its connection is gone, and the advisory lock went with it.
        }
    }

    private static string SqliteFile(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" ? connectionString : Path.GetFullPath(dataSource);
    }

    private static string Truncate(string value) => value.Length <= JobRun.MaxInstanceLength ? value : value[..JobRun.MaxInstanceLength];
}
