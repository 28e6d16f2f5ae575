using AdminCenter.Core.Common;
using AdminCenter.Core.Jobs;
using AdminCenter.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdminCenter.Core.Mam;

public sealed class ReasonSetCleanupOptions
{
    /// <summary>How often reason sets nothing refers to any more are deleted; they only take space, so daily is enough.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>
/// Deletes reason sets that no registration and no outcome history entry refers to. Sets are written once per
/// distinct evaluation, and some reasons quote values that keep changing (minutes offline), so without this the
/// table would only grow. A set is written in the same transaction as the row that refers to it, so none is deleted
/// before its first reference exists.
/// </summary>
public sealed class ReasonSetCleanup(
    IDbContextFactory<AdminCenterDbContext> dbFactory,
    JobLeases leases,
    TimeProvider timeProvider,
    IOptions<ReasonSetCleanupOptions> options,
    ILogger<ReasonSetCleanup> logger) : PeriodicJob(leases, timeProvider, logger)
{
    protected override TimeSpan Interval => options.Value.SweepInterval;

    protected override string JobName => "Deleting unreferenced evaluation reason sets";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken) => await DeleteUnreferencedAsync(cancellationToken);

    /// <summary>Deletes the sets nothing refers to; returns how many.</summary>
    public async Task<int> DeleteUnreferencedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Database.ExecuteSqlRawAsync("""
            DELETE FROM "EvaluationReasonSets"
            WHERE "Fingerprint" NOT IN (SELECT "EvaluationFingerprint" FROM "MamRegistrations")
              AND "Fingerprint" NOT IN (SELECT "ReasonSetFingerprint" FROM "RegistrationOutcomeChanges")
            """, cancellationToken);
    }
}
