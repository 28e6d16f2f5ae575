using System.Globalization;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Mam;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Core.Persistence;

/// <summary>
/// SQLite: how many registrations there are per (outcome, threat level, policy names), kept by triggers on every insert,
/// delete and change of those columns, so the App protection status report's exact total for any combination of its
/// filters (without a search) adds up a few dozen rows instead of counting a large share of a million (issue 17).
/// EF Core does not model it; the initial SQLite migration runs <see cref="Create"/>, this class holds its hand-written SQL.
/// </summary>
/// <remarks>
/// SQLite only: its writers take turns (one write lock per database), so a handful of hot counter rows cost no waiting.
/// On PostgreSQL concurrent transactions (check-ins, the health-report writer, re-evaluation chunks) would queue on those
/// rows and could deadlock moving registrations between two groups in opposite directions; it counts the rows instead.
/// The update trigger fires only when one of the three columns really changes, so a health report that repeats the
/// device's level, or a check-in, only pays for the WHEN test.
/// </remarks>
public static class StatusCounts
{
    /// <summary>The counter table: one row per (Outcome, ThreatLevel or -1 for none, PolicyNames).</summary>
    public const string Table = "MamRegistrationCounts";

    private const string PostgreSqlProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    private const string NoThreatLevel = "-1";

    public static string Create(string? migrationProvider) => migrationProvider == PostgreSqlProvider ? "" : Sqlite;

    public static string Drop(string? migrationProvider) => migrationProvider == PostgreSqlProvider ? "" : $"""
        DROP TRIGGER "{Table}_Added";
        DROP TRIGGER "{Table}_Removed";
        DROP TRIGGER "{Table}_Changed";
        DROP TABLE "{Table}";
        """;

    /// <summary>After rows were written with the triggers bypassed (a bulk load): the counters counted again from the registrations.</summary>
    public static string SqliteRebuild => $"""
        DELETE FROM "{Table}";
        INSERT INTO "{Table}" ("Outcome", "ThreatLevel", "PolicyNames", "Count")
        SELECT "Outcome", coalesce("ThreatLevel", {NoThreatLevel}), "PolicyNames", count(*) FROM "MamRegistrations"
        GROUP BY "Outcome", coalesce("ThreatLevel", {NoThreatLevel}), "PolicyNames";
        """;

    private static string Sqlite
    {
        get
        {
            const string add = $"""
                INSERT INTO "{Table}" ("Outcome", "ThreatLevel", "PolicyNames", "Count")
                VALUES (new."Outcome", coalesce(new."ThreatLevel", {NoThreatLevel}), new."PolicyNames", 1)
                ON CONFLICT DO UPDATE SET "Count" = "Count" + 1;
                """;
            // An emptied group goes, so renamed policies leave no trail of zero rows behind.
            const string oldKey = $"""
                "Outcome" = old."Outcome" AND "ThreatLevel" = coalesce(old."ThreatLevel", {NoThreatLevel}) AND "PolicyNames" = old."PolicyNames"
                """;
            const string remove = $"""
                UPDATE "{Table}" SET "Count" = "Count" - 1 WHERE {oldKey};
                DELETE FROM "{Table}" WHERE {oldKey} AND "Count" = 0;
                """;
            return $"""
                CREATE TABLE "{Table}" (
                    "Outcome" INTEGER NOT NULL, "ThreatLevel" INTEGER NOT NULL, "PolicyNames" TEXT NOT NULL, "Count" INTEGER NOT NULL,
                    PRIMARY KEY ("Outcome", "ThreatLevel", "PolicyNames")) WITHOUT ROWID;
                CREATE TRIGGER "{Table}_Added" AFTER INSERT ON "MamRegistrations" BEGIN {add} END;
                CREATE TRIGGER "{Table}_Removed" AFTER DELETE ON "MamRegistrations" BEGIN {remove} END;
                CREATE TRIGGER "{Table}_Changed" AFTER UPDATE OF "Outcome", "ThreatLevel", "PolicyNames" ON "MamRegistrations"
                WHEN old."Outcome" IS NOT new."Outcome" OR old."ThreatLevel" IS NOT new."ThreatLevel" OR old."PolicyNames" IS NOT new."PolicyNames"
                BEGIN {remove} {add} END;
                """;
        }
    }

    /// <summary>
    /// How many registrations <paramref name="filter"/>'s outcome, threat-level and policy filters keep, from the
    /// counters; the same rules as <c>AppProtectionStatusQueries.Matching</c> (tested against it for every combination).
    /// SQLite only, and not for a search.
    /// </summary>
    internal static Task<int> CountAsync(AdminCenterDbContext db, AppProtectionStatusFilter filter, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(filter.Search) || SqlDialect.Of(db.Database).IsPostgreSql)
        {
            throw new InvalidOperationException("The counters answer SQLite's filters without a search only.");
        }
        var conditions = new List<string> { "1" };
        if (filter.Outcomes.Count > 0)
        {
            conditions.Add($"\"Outcome\" IN ({Numbers(filter.Outcomes.Select(o => (int)o))})");
        }
        if (filter.ThreatLevels.Count > 0)
        {
            var levels = filter.ThreatLevels.Where(l => l != ReportedThreatLevel.NotReported).Select(l => (int)ToStored(l)).ToList();
            if (filter.ThreatLevels.Contains(ReportedThreatLevel.NotReported))
            {
                // Not reported: no level, or one the connector left unset, as the registrations' filter reads it.
                levels.AddRange([int.Parse(NoThreatLevel, CultureInfo.InvariantCulture), (int)DeviceThreatLevel.NotConfigured]);
            }
            conditions.Add($"\"ThreatLevel\" IN ({Numbers(levels)})");
        }
        var policy = string.IsNullOrWhiteSpace(filter.Policy) ? "" : $"; {filter.Policy.Trim()}; ";
        if (policy.Length > 0)
        {
            // instr is case-sensitive, as the registrations' filter (EF's translation of string.Contains) is.
            conditions.Add("instr('; ' || \"PolicyNames\" || '; ', {0}) > 0");
        }
        var sql = $"""SELECT coalesce(sum("Count"), 0) AS "Value" FROM "{Table}" WHERE {string.Join(" AND ", conditions)}""";
        return db.Database
            .SqlQuery<int>(System.Runtime.CompilerServices.FormattableStringFactory.Create(sql, policy))
            .SingleAsync(cancellationToken);
    }

    private static string Numbers(IEnumerable<int> values) =>
        string.Join(", ", values.Distinct().Order().Select(v => v.ToString(CultureInfo.InvariantCulture)));

    private static DeviceThreatLevel ToStored(ReportedThreatLevel level) => level switch
    {
        ReportedThreatLevel.Secured => DeviceThreatLevel.Secured,
        ReportedThreatLevel.Low => DeviceThreatLevel.Low,
        ReportedThreatLevel.Medium => DeviceThreatLevel.Medium,
        ReportedThreatLevel.High => DeviceThreatLevel.High,
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };
}
