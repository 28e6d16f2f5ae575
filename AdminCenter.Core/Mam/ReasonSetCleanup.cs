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
        return await db.Database.ExecuteSqlRawAsync(
            SqlDialect.Of(db.Database).IsPostgreSql ? DeleteUnreferencedPostgreSql : DeleteUnreferencedSqlite, cancellationToken);
    }

    // Each provider's fast form of the same delete, measured over 1,000,000 references and 200 sets of which 150 were
    // unreferenced. PostgreSQL hashes a NOT IN list only while it fits in work_mem; past that it read all the references
    // again for each set (17.4 s, and the command times out at 30), where NOT EXISTS is a hash anti join (0.33 s). SQLite
    // builds a NOT IN list's index once (0.18 s), and runs NOT EXISTS for each set, reading every reference (8.6 s).
    private const string DeleteUnreferencedPostgreSql = """
        DELETE FROM "EvaluationReasonSets" AS s
        WHERE NOT EXISTS (SELECT 1 FROM "MamRegistrations" AS r WHERE r."EvaluationFingerprint" = s."Fingerprint")
          AND NOT EXISTS (SELECT 1 FROM "RegistrationOutcomeChanges" AS c WHERE c."ReasonSetFingerprint" = s."Fingerprint")
        """;

    private const string DeleteUnreferencedSqlite = """
        DELETE FROM "EvaluationReasonSets"
        WHERE "Fingerprint" NOT IN (SELECT "EvaluationFingerprint" FROM "MamRegistrations")
          AND "Fingerprint" NOT IN (SELECT "ReasonSetFingerprint" FROM "RegistrationOutcomeChanges")
        """;
}
