using AdminCenter.Core.Common;
using AdminCenter.Core.Jobs;
using AdminCenter.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdminCenter.Core.Mam;

public sealed class StatusCountsFoldOptions
{
    /// <summary>
    /// How often PostgreSQL's status-count deltas are folded into one row per group. Reads sum whatever rows there are,
    /// so this only bounds how many: a minute of check-ins and reports that change outcomes or levels.
    /// </summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// PostgreSQL: folds the status report's count deltas (<see cref="StatusCounts"/>) into one row per group. SQLite keeps
/// one row per group from the start and has nothing to fold.
/// </summary>
public sealed class StatusCountsFold(
    IDbContextFactory<AdminCenterDbContext> dbFactory,
    JobLeases leases,
    TimeProvider timeProvider,
    IOptions<StatusCountsFoldOptions> options,
    ILogger<StatusCountsFold> logger) : PeriodicJob(leases, timeProvider, logger)
{
    protected override TimeSpan Interval => options.Value.SweepInterval;

    protected override string JobName => "Folding the status report's counts";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken) => await FoldAsync(cancellationToken);

    /// <summary>Folds the deltas; returns how many groups are left (0 on SQLite, which has nothing to fold).</summary>
    public async Task<int> FoldAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!SqlDialect.Of(db.Database).IsPostgreSql)
        {
            return 0;
        }
        return await db.Database.ExecuteSqlRawAsync(StatusCounts.PostgreSqlFold, cancellationToken);
    }
}
