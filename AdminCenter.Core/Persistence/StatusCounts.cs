using System.Globalization;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Mam;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Core.Persistence;

/// <summary>
/// How many registrations there are per (outcome, threat level, policy names), kept by triggers on every insert, delete
/// and change of those columns, so the App protection status report's exact total for any combination of its filters
/// (without a search) adds up a few dozen rows instead of counting a large share of a million (issue 17). EF Core does
/// not model it; the migrations run <see cref="Create"/>, this class holds its hand-written SQL.
/// </summary>
/// <remarks>
/// SQLite keeps one row per group: its writers take turns (one write lock per database), so a handful of hot counter
/// rows cost no waiting. The update trigger fires only when one of the three columns really changes, so a health report
/// that repeats the device's level, or a check-in, only pays for the WHEN test.
/// PostgreSQL writers run concurrently (check-ins, the health-report writer, re-evaluation chunks): one row per group
/// would make them queue, and deadlock when two transactions move registrations between two groups in opposite
/// directions. There the table holds deltas instead, only ever inserted (no row is shared between transactions), one
/// per group a statement changed, and a group's count is the sum of its rows; <see cref="PostgreSqlFold"/> (a periodic
/// job) folds them into one row per group. The triggers are statement-level with transition tables, so a re-evaluation
/// chunk that changes 10,000 rows in one UPDATE writes a few delta rows, not 20,000 (PostgreSQL 15 refuses transition
/// tables on an <c>UPDATE OF</c> column list, so every UPDATE statement runs the function, which writes nothing when
/// no group changed).
/// </remarks>
public static class StatusCounts
{
    /// <summary>The counter table: rows of (Outcome, ThreatLevel or -1 for none, PolicyNames, Count); a group's count is the sum of its rows.</summary>
    public const string Table = "MamRegistrationCounts";

    private const string PostgreSqlProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    private const string NoThreatLevel = "-1";

    public static string Create(string? migrationProvider) => migrationProvider == PostgreSqlProvider ? PostgreSql : Sqlite;

    public static string Drop(string? migrationProvider) => migrationProvider == PostgreSqlProvider ? $"""
        DROP TRIGGER "{Table}_Added" ON "MamRegistrations";
        DROP TRIGGER "{Table}_Removed" ON "MamRegistrations";
        DROP TRIGGER "{Table}_Changed" ON "MamRegistrations";
        DROP FUNCTION "{Table}_Added"();
        DROP FUNCTION "{Table}_Removed"();
        DROP FUNCTION "{Table}_Changed"();
        DROP TABLE "{Table}";
        DROP STATISTICS "MamRegistrations_PolicyNamesListed";
        """ : $"""
        DROP TRIGGER "{Table}_Added";
        DROP TRIGGER "{Table}_Removed";
        DROP TRIGGER "{Table}_Changed";
        DROP TABLE "{Table}";
        """;

    /// <summary>After rows were written with the triggers bypassed (a bulk load): the counters counted again from the registrations (either provider).</summary>
    public static string Rebuild => $"""
        DELETE FROM "{Table}";
        INSERT INTO "{Table}" ("Outcome", "ThreatLevel", "PolicyNames", "Count")
        SELECT "Outcome", coalesce("ThreatLevel", {NoThreatLevel}), "PolicyNames", count(*) FROM "MamRegistrations"
        GROUP BY "Outcome", coalesce("ThreatLevel", {NoThreatLevel}), "PolicyNames";
        """;

    /// <summary>
    /// PostgreSQL: every group's delta rows replaced by one row of their sum (none for a sum of 0), in one statement.
    /// Rows inserted by transactions still open are not in its snapshot and stay; a second fold running at the same time
    /// waits for this one's rows and skips them once they are deleted, so no delta is counted twice or lost.
    /// </summary>
    public const string PostgreSqlFold = $"""
        WITH "Folded" AS (DELETE FROM "{Table}" RETURNING "Outcome", "ThreatLevel", "PolicyNames", "Count")
        INSERT INTO "{Table}" ("Outcome", "ThreatLevel", "PolicyNames", "Count")
        SELECT "Outcome", "ThreatLevel", "PolicyNames", sum("Count") FROM "Folded"
        GROUP BY "Outcome", "ThreatLevel", "PolicyNames" HAVING sum("Count") <> 0
        """;

    /// <summary>
    /// PostgreSQL: statistics of the policy filter's very expression (<c>AppProtectionStatusQueries.Matching</c>), so
    /// that ANALYZE keeps its few distinct values. Without them the planner guesses that <c>LIKE '%; name; %'</c> keeps a
    /// handful of rows, reads every registration and sorts them (340 ms at 100,000 when the policy covers them all),
    /// where walking the last check-in index stops at the page. Costs nothing on writes.
    /// </summary>
    private const string PolicyFilterStatistics = """
        CREATE STATISTICS "MamRegistrations_PolicyNamesListed" ON (('; ' || "PolicyNames" || '; ')) FROM "MamRegistrations";
        """;

    private static string PostgreSql
    {
        get
        {
            // One function per event: a transition table exists only for the events that fill it.
            static string Function(string name, string counted) => $$"""
                CREATE FUNCTION "{{Table}}_{{name}}"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
                INSERT INTO "{{Table}}" ("Outcome", "ThreatLevel", "PolicyNames", "Count")
                SELECT "Outcome", "ThreatLevel", "PolicyNames", sum("Count") FROM ({{counted}}) AS "Counted"
                GROUP BY "Outcome", "ThreatLevel", "PolicyNames" HAVING sum("Count") <> 0;
                RETURN NULL; END $$;
                """;
            static string Rows(string transition, int sign) =>
                $"""SELECT "Outcome", coalesce("ThreatLevel", {NoThreatLevel}) AS "ThreatLevel", "PolicyNames", {sign} AS "Count" FROM "{transition}" """;
            return $"""
                CREATE TABLE "{Table}" ("Outcome" integer NOT NULL, "ThreatLevel" integer NOT NULL, "PolicyNames" text NOT NULL, "Count" bigint NOT NULL);
                {Function("Added", Rows("New", 1))}
                {Function("Removed", Rows("Old", -1))}
                {Function("Changed", Rows("Old", -1) + " UNION ALL " + Rows("New", 1))}
                CREATE TRIGGER "{Table}_Added" AFTER INSERT ON "MamRegistrations" REFERENCING NEW TABLE AS "New"
                FOR EACH STATEMENT EXECUTE FUNCTION "{Table}_Added"();
                CREATE TRIGGER "{Table}_Removed" AFTER DELETE ON "MamRegistrations" REFERENCING OLD TABLE AS "Old"
                FOR EACH STATEMENT EXECUTE FUNCTION "{Table}_Removed"();
                CREATE TRIGGER "{Table}_Changed" AFTER UPDATE ON "MamRegistrations" REFERENCING OLD TABLE AS "Old" NEW TABLE AS "New"
                FOR EACH STATEMENT EXECUTE FUNCTION "{Table}_Changed"();
                {PolicyFilterStatistics}
                """;
        }
    }

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
    /// Not for a search.
    /// </summary>
    internal static Task<int> CountAsync(AdminCenterDbContext db, AppProtectionStatusFilter filter, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            throw new InvalidOperationException("The counters answer the filters without a search only.");
        }
        var postgreSql = SqlDialect.Of(db.Database).IsPostgreSql;
        var conditions = new List<string> { "1 = 1" };
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
            // instr and strpos are case-sensitive, as the registrations' filter (EF's translation of string.Contains) is.
            conditions.Add($"{(postgreSql ? "strpos" : "instr")}('; ' || \"PolicyNames\" || '; ', {{0}}) > 0");
        }
        var sql = $"""SELECT CAST(coalesce(sum("Count"), 0) AS integer) AS "Value" FROM "{Table}" WHERE {string.Join(" AND ", conditions)}""";
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
