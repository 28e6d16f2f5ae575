using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Persistence;
using AdminCenter.Core.UsersAndGroups;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Core.Mam;

/// <summary>
/// Reads for Apps &gt; Monitor &gt; App protection status (spec 04, Monitoring), a user's app protection section and the
/// Home tiles. Every call uses its own short-lived context and reads without tracking; pages are sorted and cut in SQL.
/// </summary>
public sealed class AppProtectionStatusQueries
{
    /// <summary>The largest page <see cref="QueryAsync"/> returns.</summary>
    public const int MaxPageSize = 500;

    /// <summary>
    /// How many matches past the page's start a broad search counts before it says "more than". Counting every match of
    /// "7" in a million registrations reads all of them (1-2 s); 10,000 of its matches are in the first 21,000 rows.
    /// </summary>
    public const int SearchCountLimit = 10_000;

    /// <summary>How many outcome changes a user's page lists, newest first.</summary>
    public const int MaxHistory = 100;

    private static readonly JsonSerializerOptions ReasonJson = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// How many registrations a two-character search samples (<see cref="PairLookupPaysAsync"/>) to tell whether its pair
    /// is rare enough to look up. Each is read at random with its user: 2,000 took 15-25 ms at 1,000,000 on SQLite, 250
    /// took 4. Near the choice (a tenth of the rows at 1,000,000, about a third at 100,000) 250 still find 25-80
    /// matches, and there the two ways cost about the same.
    /// </summary>
    public const int PairSampleSize = 250;

    /// <summary>
    /// What a pair's lookup costs per match, in rows a scan reads in the same time (<see cref="PairLookupPays"/>): about
    /// one on both providers, whose searched text holds each registration's text and its user's. On PostgreSQL, at
    /// 100,000, "57" (3,970 matches) was counted in 3 ms looked up and in 55-66 ms by a scan of every row; at 1,000,000 the
    /// count of the first 10,001 matches took 15-30 ms looked up and 70 ms scanned for a pair a twentieth of the rows hold,
    /// 14-29 and 36-39 ms for one a tenth hold, 57 and 19 ms for one every row holds. On SQLite, at 1,000,000, that count
    /// of "57" (49,401 matches) took 20 ms looked up and 90 ms scanned (about 200,000 rows) in the sqlite3 shell.
    /// </summary>
    public const double PairLookupCost = 1;

    private readonly IDbContextFactory<AdminCenterDbContext> dbFactory;
    private readonly int searchCountLimit;
    private readonly double? pairLookupCost;

    public AppProtectionStatusQueries(IDbContextFactory<AdminCenterDbContext> dbFactory)
        : this(dbFactory, SearchCountLimit)
    {
    }

    /// <summary>
    /// With a smaller <paramref name="searchCountLimit"/>, so that tests reach the broad search's path with a few rows, or
    /// a <paramref name="pairLookupCost"/> in place of the provider's (0: every pair looked up; infinity: every pair the
    /// tenant holds scanned for).
    /// </summary>
    internal AppProtectionStatusQueries(IDbContextFactory<AdminCenterDbContext> dbFactory, int searchCountLimit, double? pairLookupCost = null)
    {
        this.dbFactory = dbFactory;
        this.searchCountLimit = searchCountLimit;
        this.pairLookupCost = pairLookupCost;
    }

    /// <summary>
    /// One page of matching registrations, sorted as <paramref name="filter"/> says, and how many match in all; a broad
    /// search counts up to <see cref="SearchCountLimit"/> past the page's start (<see cref="PagedResult{T}.TotalIsLowerBound"/>).
    /// </summary>
    public async Task<PagedResult<AppProtectionStatusRow>> QueryAsync(
        AppProtectionStatusFilter filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        (skip, take) = DirectoryQueries.ClampPage(skip, take, MaxPageSize);
        await using var db = await dbFactory.CreateReportContextAsync(cancellationToken);
        return string.IsNullOrWhiteSpace(filter.Search)
            ? await WithCountersAsync(db, filter, skip, take, cancellationToken)
            : await SearchAsync(db, filter, skip, take, cancellationToken);
    }

    /// <summary>
    /// Without a search: the total from the counters (<see cref="StatusCounts"/>), then the page. PostgreSQL plans the
    /// page well by itself (its statistics tell it to walk an index and stop); its count of 1,000,000 rows took 240 ms
    /// and the policy filter's string test on each 2.5 s. Without statistics SQLite reads every match and sorts them (4 s at 1,000,000 sorted by user, 2 s for one threat level);
    /// walking an index in the page's order instead (the last check-in's, or the users' display names, each user's
    /// registrations then sorted by a "temp b-tree for the right part of the ORDER BY") stops once the page is full. A walk
    /// visits about (skip + take) x all / matches rows, so it is taken only when that is fewer than the matches a sort
    /// reads: a filter keeping a few registrations of a million is still found and sorted, and one keeping none answers
    /// at once. The rows and their order are the same either way (tested).
    /// </summary>
    private static async Task<PagedResult<AppProtectionStatusRow>> WithCountersAsync(
        AdminCenterDbContext db, AppProtectionStatusFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        var matches = await StatusCounts.CountAsync(db, filter, cancellationToken);
        if (matches <= skip)
        {
            return new([], matches);
        }
        if (SqlDialect.Of(db.Database).IsPostgreSql)
        {
            return new(await Rows(db, Matching(db, filter), filter).Skip(skip).Take(take).ToListAsync(cancellationToken), matches);
        }
        var all = await StatusCounts.CountAsync(db, new AppProtectionStatusFilter(), cancellationToken);
        var walkPays = (double)(skip + take) * all < (double)matches * matches;
        // An outcome filter is left to its index: with it, SQLite would put the registrations first in the users walk's
        // join and read every user for each of them.
        var walkUsers = walkPays && filter.Sort == AppProtectionStatusSort.User && filter.Outcomes.Count == 0;
        var rows = await Rows(db, Matching(db, filter, walkInOrder: walkPays), filter, walkUsers).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return new(rows, matches);
    }

    /// <summary>
    /// A search with at most this many matches (or the tests' count limit, if smaller) is read by its ids and then its
    /// page by primary key.
    /// </summary>
    private const int FewMatches = 200;

    /// <summary>
    /// With a search alone, the first few matches' ids are read first: when those are all of them, the page is read by
    /// primary key and the total is exact. Otherwise (or with filters besides) the matches are counted, by a read that streams (<see cref="StatusSearchForm.Indexed"/>) and
    /// stops past <see cref="SearchCountLimit"/> (or the tests' limit) more than the page's start: a narrow search is counted exactly from its
    /// few candidates, a broad one ("user.5" matches 111,111 of a million registrations, "7" 468,559) reads about
    /// 10,000 matches and its total says "more than". Then the page: in last sync order, when the matches are many
    /// enough (the rule of <see cref="WithCountersAsync"/>), a walk of that index that tests each registration and its
    /// user and stops at the page; otherwise every match is read and sorted. Filters narrow the count as they narrow
    /// the rows: a broad search with a filter that keeps a few rows is counted exactly.
    /// </summary>
    private async Task<PagedResult<AppProtectionStatusRow>> SearchAsync(
        AdminCenterDbContext db, AppProtectionStatusFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        var bound = skip + searchCountLimit;
        // PostgreSQL, no parallel workers for a search: its reads stop early or read a few candidates, and a worker is a
        // fresh process without the session's caches. A one-match search at 1,000,000 took 55 ms with two workers and
        // 14-30 ms without. SET LOCAL needs the transaction; nothing is written, so it is left to roll back.
        var isPostgreSql = SqlDialect.Of(db.Database).IsPostgreSql;
        await using var transaction = isPostgreSql ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var lookUpPair = await PairLookupPaysAsync(db, filter.Search!, cancellationToken);
        if (transaction is not null)
        {
            // A pair looked up is found through its index only: expecting many matches, the planner reads the table
            // instead and computes every row's pairs for the redundant test (270 ms for "us" at 1,000,000, where the
            // index takes 57 ms and a scan without that test 19). A read with no index left (the counters) then costs
            // enough to be compiled by JIT, about 50 ms each time, so JIT is off too.
            var pair = lookUpPair && StatusSearchIndex.IsPair(DirectoryQueries.Fold(filter.Search!));
            var settings = pair ? "SET LOCAL max_parallel_workers_per_gather = 0; SET LOCAL enable_seqscan = off; SET LOCAL jit = off"
                : "SET LOCAL max_parallel_workers_per_gather = 0";
            await db.Database.ExecuteSqlRawAsync(settings, cancellationToken);
        }
        // A narrow search is read once: its few ids (on PostgreSQL with its count), then its page by primary key. Counted
        // and then paged, a one-match search at 1,000,000 on PostgreSQL ran its three trigram lookups twice (about 50 ms
        // each time); read for its first ids and then counted, a broad one looked its needle up twice.
        var fewMatches = Math.Min(FewMatches, searchCountLimit);
        var first = await FirstSearchIdsAsync(db, filter, fewMatches + 1, bound + 1, lookUpPair, cancellationToken);
        if (first is { Count: { } found } && found <= fewMatches)
        {
            var few = first.Ids;
            List<AppProtectionStatusRow> page = few.Count <= skip ? []
                : await Rows(db, db.MamRegistrations.AsNoTracking().Where(r => few.Contains(r.Id)), filter).Skip(skip).Take(take).ToListAsync(cancellationToken);
            return new(page, few.Count);
        }
        var matches = first?.Count ?? await Matching(db, filter, lookUpPair: lookUpPair).Take(bound + 1).CountAsync(cancellationToken);
        if (matches <= skip)
        {
            return new([], matches);
        }
        // Only the last sync order has an index to walk, so the registrations' total is read only for it. (Walking the
        // users' display names, as WithCountersAsync does, finds a search's matches where they cluster in that order:
        // "user.5" starts past four ninths of the users, and the walk took 74 ms at 100,000 where the sort took 42.)
        var walkPays = filter.Sort == AppProtectionStatusSort.LastSync
            && (double)(skip + take) * await StatusCounts.CountAsync(db, new AppProtectionStatusFilter(), cancellationToken) < (double)matches * matches;
        var firstByUser = filter.Sort == AppProtectionStatusSort.User ? await FirstByUserIdsAsync(db, filter, skip + take, lookUpPair, cancellationToken) : null;
        var registrations = firstByUser is not null ? db.MamRegistrations.AsNoTracking().Where(r => firstByUser.Contains(r.Id))
            : Matching(db, filter, walkPays ? StatusSearchForm.Joined : StatusSearchForm.Indexed, walkInOrder: walkPays, lookUpPair: lookUpPair);
        var rows = await Rows(db, registrations, filter).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return matches > bound ? new(rows, bound, TotalIsLowerBound: true) : new(rows, matches);
    }

    /// <summary>
    /// Whether a two-character <paramref name="search"/> is looked up by its pair (<see cref="StatusSearchIndex.IsPair"/>):
    /// that lookup reads every row holding the pair before the first (SQLite gathers the FTS5 matches for its "IN"), so it
    /// pays only while few rows hold it; many do, and a scan finds the page and the count's limit within a few rows. About
    /// <see cref="PairSampleSize"/> registrations from all over the table, tested as the scan tests them, tell which
    /// (<see cref="PairLookupPays"/>). Any other needle: true, it has no pair to decide on.
    /// </summary>
    internal async Task<bool> PairLookupPaysAsync(AdminCenterDbContext db, string search, CancellationToken cancellationToken)
    {
        var folded = DirectoryQueries.Fold(search);
        if (!StatusSearchIndex.IsPair(folded))
        {
            return true;
        }
        var all = await StatusCounts.CountAsync(db, new AppProtectionStatusFilter(), cancellationToken);
        var dialect = SqlDialect.Of(db.Database);
        // Rows of the searched text at random, not the table's first ones (the oldest registrations) nor a few runs of
        // neighbours: SQLite reads random rowids, PostgreSQL random row addresses (a page, a slot in it; a slot without a
        // row is not counted), as TABLESAMPLE SYSTEM's random pages held runs of like rows. A small tenant is read whole.
        var arguments = SearchArguments(folded, part: null);
        var searchTable = dialect.IsPostgreSql ? StatusSearchIndex.RegistrationsTable : StatusSearchIndex.SqliteTextTable;
        var rows = (all <= PairSampleSize, dialect.IsPostgreSql) switch
        {
            (true, _) => $"\"{searchTable}\" AS f",
            (false, true) => $$"""
                "{{searchTable}}" AS f WHERE f.ctid = ANY (ARRAY(
                    SELECT format('(%s,%s)', floor(random() * p.pages)::bigint, 1 + floor(random() * p.slots)::int)::tid
                    FROM generate_series(1, {{PairSampleSize}}), (SELECT pages, ceil({{{arguments.Length}}} / pages) AS slots FROM (
                        SELECT greatest(pg_relation_size('"{{searchTable}}"') / current_setting('block_size')::int, 1)::float8 AS pages) AS s) AS p))
                """,
            _ => $$"""
                (SELECT * FROM "{{searchTable}}" WHERE rowid IN (
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {{PairSampleSize}})
                    SELECT 1 + abs(random() % (SELECT max(rowid) FROM "{{searchTable}}")) FROM n)) AS f
                """,
        };
        // The searched text holds each registration's text and its user's.
        var found = $"{RegistrationMatches(dialect, ascii: true, "f.")} OR {UserMatches(dialect, ascii: true, "f.")}";
        var sample = $$"""
            SELECT count(*) AS "Sampled", coalesce(sum(CASE WHEN {{found}} THEN 1 ELSE 0 END), 0) AS "Found"
            FROM {{rows}}
            """;
        var counted = await db.Database.SqlQuery<PairSample>(FormattableStringFactory.Create(sample, [.. arguments, (double)all]))
            .SingleAsync(cancellationToken);
        return PairLookupPays(counted.Found, counted.Sampled, all, pairLookupCost ?? PairLookupCost);
    }

    /// <summary>How many registrations a pair's sample read, and how many of them hold it.</summary>
    private sealed record PairSample(long Sampled, long Found);

    /// <summary>
    /// Whether a pair found in <paramref name="sampleMatches"/> of <paramref name="sampled"/> registrations, of
    /// <paramref name="all"/>, is looked up: when the matches that estimates, each costing <paramref name="lookupCost"/>
    /// rows scanned, cost no more than the rows a scan reads to count its limit's matches (<see cref="SearchCountLimit"/>,
    /// about limit x all / matches, at most all of them). The count dominates either way: the first page's rows come
    /// sooner. At 1,000,000 registrations the two meet near 100,000 matches, at 100,000 near 31,600. A pair the sample
    /// does not hold is looked up.
    /// </summary>
    internal static bool PairLookupPays(long sampleMatches, long sampled, long all, double lookupCost)
    {
        if (sampleMatches == 0)
        {
            return true;
        }
        var estimated = (double)sampleMatches * all / sampled;
        var scanned = Math.Min(all, (double)SearchCountLimit * all / estimated);
        return estimated * lookupCost <= scanned;
    }

    /// <summary>Every matching registration in the page's order, read as it is written out (the CSV export).</summary>
    public async IAsyncEnumerable<AppProtectionStatusRow> StreamAsync(
        AppProtectionStatusFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDirectoryContextAsync(cancellationToken);
        await foreach (var row in Rows(db, Matching(db, filter), filter).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    /// <summary>The names of the tenant's app protection policies, for the Policy filter.</summary>
    public async Task<IReadOnlyList<string>> ListPolicyNamesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var names = await db.WindowsManagedAppProtections.AsNoTracking().Select(p => p.DisplayName).ToListAsync(cancellationToken);
        return [.. names.Order(StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>The user's registrations (last sync first) with health, outcome and reasons, and their outcome history; null for no such user.</summary>
    public async Task<UserProtectionView?> GetUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.DirectoryUsers.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.DisplayName, u.UserPrincipalName })
            .SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return null;
        }

        var registrations = await db.MamRegistrations.AsNoTracking()
            .Where(r => r.UserId == userId)
            .OrderByDescending(r => r.LastCheckInDateTime).ThenBy(r => r.Id)
            .ToListAsync(cancellationToken);
        var changes = db.RegistrationOutcomeChanges.AsNoTracking().Where(c => c.UserId == userId);
        var historyTotal = await changes.CountAsync(cancellationToken);
        var history = await changes
            .OrderByDescending(c => c.ChangedDateTime).ThenByDescending(c => c.Id)
            .Take(MaxHistory)
            .ToListAsync(cancellationToken);

        var reasonSets = await ReasonSetStore.LoadAsync(
            db, registrations.Select(r => r.EvaluationFingerprint).Concat(history.Select(c => c.ReasonSetFingerprint)), cancellationToken);
        var deviceNames = registrations.ToDictionary(r => r.Id, r => r.DeviceName);
        return new UserProtectionView(
            userId,
            user.DisplayName,
            user.UserPrincipalName,
            [.. registrations.Select(r => ToDetails(r, reasonSets.GetValueOrDefault(r.EvaluationFingerprint)))],
            [.. history.Select(c => new OutcomeHistoryEntry(
                c.ChangedDateTime, c.AppId, c.AzureAdDeviceId, deviceNames.GetValueOrDefault(c.RegistrationId),
                c.PreviousOutcome, c.Outcome, reasonSets.GetValueOrDefault(c.ReasonSetFingerprint)?.Summary ?? ""))],
            historyTotal);
    }

    /// <summary>Registrations by outcome, and devices (Entra device ids) by the worst threat level reported on any of their registrations.</summary>
    public async Task<StatusTiles> GetTilesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var byOutcome = await db.MamRegistrations
            .GroupBy(r => r.Outcome)
            .Select(g => new { Outcome = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var byLevel = await db.MamRegistrations
            .GroupBy(r => r.AzureAdDeviceId)
            .Select(g => g.Max(r => r.ThreatLevel == DeviceThreatLevel.High ? (int)ReportedThreatLevel.High
                : r.ThreatLevel == DeviceThreatLevel.Medium ? (int)ReportedThreatLevel.Medium
                : r.ThreatLevel == DeviceThreatLevel.Low ? (int)ReportedThreatLevel.Low
                : r.ThreatLevel == DeviceThreatLevel.Secured ? (int)ReportedThreatLevel.Secured
                : (int)ReportedThreatLevel.NotReported))
            .GroupBy(severity => severity)
            .Select(g => new { Severity = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);

        return new StatusTiles(
            byOutcome.ToDictionary(o => o.Outcome, o => o.Count),
            byLevel.ToDictionary(l => (ReportedThreatLevel)l.Severity, l => l.Count));
    }

    /// <summary>The registrations the filter keeps, unordered, a search found as <paramref name="searchForm"/> says.</summary>
    /// <remarks>
    /// <paramref name="walkInOrder"/>: SQLite, when the matches are many (see <see cref="WithCountersAsync"/>).
    /// <paramref name="lookUpPair"/>: false when a two-character search scans instead (<see cref="PairLookupPaysAsync"/>).
    /// </remarks>
    internal static IQueryable<MamRegistration> Matching(
        AdminCenterDbContext db, AppProtectionStatusFilter filter, StatusSearchForm searchForm = StatusSearchForm.Indexed, bool walkInOrder = false,
        bool lookUpPair = true)
    {
        var registrations = string.IsNullOrWhiteSpace(filter.Search) ? db.MamRegistrations : Searching(db, filter.Search, searchForm, lookUpPair);
        registrations = registrations.AsNoTracking();

        // One value as an equality, not a list: then the (value, last check-in) index yields the page already in order,
        // where a list makes the database sort every match (a fifth of a million-registration tenant for one level).
        if (filter.Outcomes.Count > 0)
        {
            var outcomes = filter.Outcomes.Distinct().ToArray();
            var only = outcomes[0];
            registrations = outcomes.Length == 1 ? registrations.Where(r => r.Outcome == only) : registrations.Where(r => outcomes.Contains(r.Outcome));
        }
        if (filter.ThreatLevels.Count > 0)
        {
            var levels = filter.ThreatLevels.Where(l => l != ReportedThreatLevel.NotReported).Select(ToStored).Distinct().ToArray();
            var onlyLevel = levels.FirstOrDefault();
            // SQLite without statistics takes a plain equality on an unindexed column for a narrow one and sorts every
            // match (a fifth of the tenant for High); through coalesce (the same rows: no level never equals one) it
            // walks the last check-in index instead and stops at the page. The total comes from StatusCounts.
            var single = levels.Length == 1 && !filter.ThreatLevels.Contains(ReportedThreatLevel.NotReported);
            registrations = single && walkInOrder && !SqlDialect.Of(db.Database).IsPostgreSql
                ? registrations.Where(r => (r.ThreatLevel ?? (DeviceThreatLevel)(-1)) == onlyLevel)
                : single
                ? registrations.Where(r => r.ThreatLevel == onlyLevel)
                : filter.ThreatLevels.Contains(ReportedThreatLevel.NotReported)
                ? registrations.Where(r => r.ThreatLevel == null || r.ThreatLevel == DeviceThreatLevel.NotConfigured || levels.Contains(r.ThreatLevel.Value))
                : registrations.Where(r => r.ThreatLevel != null && levels.Contains(r.ThreatLevel.Value));
        }
        if (!string.IsNullOrWhiteSpace(filter.Policy))
        {
            // PolicyNames is "; "-joined: match a whole name, so "Edge" does not pick "Edge level 2".
            var needle = $"; {filter.Policy.Trim()}; ";
            registrations = registrations.Where(r => ("; " + r.PolicyNames + "; ").Contains(needle));
        }
        return registrations;
    }

    /// <summary>
    /// The ids of the first <paramref name="idsLimit"/> registrations a search finds and, on PostgreSQL in the same read,
    /// how many it finds up to <paramref name="countLimit"/>: there from the registrations' search table without the
    /// registrations, where whole rows made it hash every match against the registrations' primary key before the first
    /// id (357 ms for "7" at 1,000,000). Null when the filter has more than a search: then the matches are counted and
    /// paged as a broad search's are.
    /// </summary>
    private static async Task<FirstMatches?> FirstSearchIdsAsync(
        AdminCenterDbContext db, AppProtectionStatusFilter filter, int idsLimit, int countLimit, bool lookUpPair, CancellationToken cancellationToken)
    {
        if (filter.Outcomes.Count > 0 || filter.ThreatLevels.Count > 0 || !string.IsNullOrWhiteSpace(filter.Policy))
        {
            return null;
        }
        // The LIMIT in the SQL: a Take without an OrderBy would log EF Core's warning about row order, which does not
        // matter here.
        var (sql, arguments) = Searching(db, filter.Search!, StatusSearchForm.Indexed, lookUpPair, SearchColumns.Ids);
        if (!SqlDialect.Of(db.Database).IsPostgreSql)
        {
            // SQLite counts apart: kept for the count (MATERIALIZED), the matches' ids made "57" at 1,000,000 take 89 ms
            // where the two reads took 71, and "7" 20 ms where they took 9. The count reads the searched text alone: the
            // first 10,001 of "57" took 20 ms so and 41 with each match's registration read for EF Core's count of them.
            var ids = await db.Database.SqlQuery<string>(FormattableStringFactory.Create($"{sql}\nLIMIT {{{arguments.Length}}}", [.. arguments, idsLimit]))
                .ToListAsync(cancellationToken);
            if (ids.Count < idsLimit)
            {
                return new(ids, ids.Count);
            }
            var (matches, _) = Searching(db, filter.Search!, StatusSearchForm.Indexed, lookUpPair, SearchColumns.Matches);
            var count = await db.Database.SqlQuery<int>(FormattableStringFactory.Create(
                $"SELECT count(*) AS \"Value\" FROM ({matches}\nLIMIT {{{arguments.Length}}})", [.. arguments, countLimit])).SingleAsync(cancellationToken);
            return new(ids, count);
        }
        // The matches are kept (MATERIALIZED), so that the count and the ids read them once; each row carries the count,
        // and no row means none. A lookup a broad needle made twice took 6-16 ms each time ("57" at 1,000,000).
        var first = $$"""
            WITH m AS MATERIALIZED ({{sql}}
            LIMIT {{{arguments.Length}}})
            SELECT m."Value" AS "Id", (SELECT count(*) FROM m) AS "Count" FROM m
            LIMIT {{{arguments.Length + 1}}}
            """;
        var rows = await db.Database.SqlQuery<FirstMatch>(FormattableStringFactory.Create(first, [.. arguments, countLimit, idsLimit]))
            .ToListAsync(cancellationToken);
        return new(rows.Select(r => r.Id).ToList(), rows.Count == 0 ? 0 : (int)rows[0].Count);
    }

    /// <summary>A search's first match's id, with how many it found up to the limit.</summary>
    private sealed record FirstMatch(string Id, long Count);

    /// <summary>The ids of a search's first matches, and how many it found up to the count's limit (null: not counted).</summary>
    private sealed record FirstMatches(List<string> Ids, int? Count);

    /// <summary>How many rows past the page's end <see cref="FirstByUserIdsAsync"/> reads for registrations whose user's display name ties with the page's last.</summary>
    internal const int UserSortSlack = 100;

    /// <summary>
    /// A search alone sorted by user: the ids of every match whose user's display name is among the first
    /// <paramref name="count"/> matches' (ties included), read from the searched text's copy of the names, so that only
    /// those are joined and sorted for the page. Joined with the users and sorted whole, the 111,111 matches of "user.5"
    /// at 1,000,000 registrations took 2.9-3.4 s on PostgreSQL; a top-N sort of the copy reads each match once and keeps
    /// <paramref name="count"/> + <see cref="UserSortSlack"/> of them. Null where this does not serve: a filter besides the
    /// search, or more ties with the last name than the slack holds (then the whole sort decides).
    /// </summary>
    private static async Task<List<string>?> FirstByUserIdsAsync(
        AdminCenterDbContext db, AppProtectionStatusFilter filter, int count, bool lookUpPair, CancellationToken cancellationToken)
    {
        if (filter.Outcomes.Count > 0 || filter.ThreatLevels.Count > 0 || !string.IsNullOrWhiteSpace(filter.Policy))
        {
            return null;
        }
        var (sql, arguments) = Searching(db, filter.Search!, StatusSearchForm.Indexed, lookUpPair, SearchColumns.IdsAndDisplayNames);
        var (direction, atMost) = filter.Descending ? ("DESC", ">=") : ("ASC", "<=");
        var kept = count + UserSortSlack;
        // SQLite's matches are the searched text's rowids: only the kept ones' registrations are read, for their ids.
        var (ids, idsCondition) = SqlDialect.Of(db.Database).IsPostgreSql ? ("k.\"Id\" AS \"Value\" FROM k", "")
            : ("r.\"Id\" AS \"Value\" FROM k CROSS JOIN \"MamRegistrations\" AS r", "r.rowid = k.\"RowId\" AND ");
        // The names in the column's own collation, as the page's sort compares them; the count-th name decides (none when
        // the matches are fewer: then every one is kept).
        var first = $$"""
            WITH k AS MATERIALIZED (SELECT * FROM ({{sql}}) AS m ORDER BY m."DisplayName" {{direction}} LIMIT {{{arguments.Length}}})
            SELECT {{ids}}
            WHERE {{idsCondition}}k."DisplayName" {{atMost}} coalesce((SELECT "DisplayName" FROM k ORDER BY "DisplayName" {{direction}} LIMIT 1 OFFSET {{{arguments.Length + 1}}}), k."DisplayName")
            """;
        var found = await db.Database.SqlQuery<string>(FormattableStringFactory.Create(first, [.. arguments, kept, count - 1])).ToListAsync(cancellationToken);
        return found.Count < kept ? found : null;
    }

    /// <summary>The page's rows in the filter's order, ties newest sync first, then by registration id so pages never overlap.</summary>
    /// <remarks>
    /// <paramref name="walkUsers"/>: the user's id in the join as an expression (<c>|| ''</c>, the same value), so SQLite
    /// cannot look users up by id and walks them by their display-name index instead (see <see cref="WithCountersAsync"/>).
    /// </remarks>
    internal static IQueryable<AppProtectionStatusRow> Rows(
        AdminCenterDbContext db, IQueryable<MamRegistration> registrations, AppProtectionStatusFilter filter, bool walkUsers = false)
    {
        var joined = registrations.Join(
            db.DirectoryUsers.AsNoTracking(),
            r => r.UserId,
            walkUsers ? u => u.Id + "" : u => u.Id,
            (r, u) => new RegistrationWithUser
            {
                Registration = r,
                DisplayName = u.DisplayName,
                // Severities as SQL CASE expressions: the stored enums are names, whose alphabetical order means nothing.
                ThreatSeverity = r.ThreatLevel == DeviceThreatLevel.High ? (int)ReportedThreatLevel.High
                    : r.ThreatLevel == DeviceThreatLevel.Medium ? (int)ReportedThreatLevel.Medium
                    : r.ThreatLevel == DeviceThreatLevel.Low ? (int)ReportedThreatLevel.Low
                    : r.ThreatLevel == DeviceThreatLevel.Secured ? (int)ReportedThreatLevel.Secured
                    : (int)ReportedThreatLevel.NotReported,
                OutcomeSeverity = r.Outcome == EvaluationOutcome.Wipe ? 3
                    : r.Outcome == EvaluationOutcome.Block ? 2
                    : r.Outcome == EvaluationOutcome.Warn ? 1
                    : 0,
            });
        var descending = filter.Descending;
        var ordered = filter.Sort switch
        {
            AppProtectionStatusSort.User => joined.SortBy(x => x.DisplayName, descending),
            AppProtectionStatusSort.Email => joined.SortBy(x => x.Registration.UserPrincipalName, descending),
            AppProtectionStatusSort.App => joined.SortBy(x => x.Registration.AppId, descending),
            AppProtectionStatusSort.DeviceName => joined.SortBy(x => x.Registration.DeviceName, descending),
            AppProtectionStatusSort.ThreatLevel => joined.SortBy(x => x.ThreatSeverity, descending),
            AppProtectionStatusSort.Outcome => joined.SortBy(x => x.OutcomeSeverity, descending),
            _ => joined.SortBy(x => x.Registration.LastCheckInDateTime, descending),
        };
        if (filter.Sort != AppProtectionStatusSort.LastSync)
        {
            ordered = ordered.ThenByDescending(x => x.Registration.LastCheckInDateTime);
        }
        var stable = descending ? ordered.ThenByDescending(x => x.Registration.Id) : ordered.ThenBy(x => x.Registration.Id);
        return stable.Select(x => new AppProtectionStatusRow(
            x.Registration.Id,
            x.Registration.UserId,
            x.DisplayName,
            x.Registration.UserPrincipalName,
            x.Registration.AppId,
            x.Registration.AppVersion,
            x.Registration.DeviceName,
            x.Registration.DeviceManufacturer,
            x.Registration.DeviceModel,
            x.Registration.AzureAdDeviceId,
            x.Registration.PlatformVersion,
            x.Registration.PolicyNames,
            x.Registration.ThreatLevel,
            x.Registration.Outcome,
            x.Registration.LastCheckInDateTime,
            x.Registration.SdkVersion));
    }

    /// <summary>
    /// Registrations whose device name or user principal name, or whose user's display name or user principal name,
    /// contains <paramref name="search"/>, ignoring case beyond ASCII (the directory's folding), found as
    /// <paramref name="form"/> says. Every form tests each row with the same predicate (on PostgreSQL's registrations'
    /// search table, on the copy of their text and their users' that its triggers keep); the trigram indexes
    /// (<see cref="StatusSearchIndex"/>) only narrow the rows.
    /// </summary>
    /// <remarks>Needs a context from <see cref="DirectoryQueries.CreateDirectoryContextAsync"/>.</remarks>
    private static IQueryable<MamRegistration> Searching(AdminCenterDbContext db, string search, StatusSearchForm form, bool lookUpPair)
    {
        var (sql, arguments) = Searching(db, search, form, lookUpPair, SearchColumns.Registrations);
        return db.MamRegistrations.FromSql(FormattableStringFactory.Create(sql, arguments));
    }

    /// <summary>The search's SQL and arguments, reading <paramref name="columns"/> (other than whole registrations: the indexed form only).</summary>
    private static (string Sql, object[] Arguments) Searching(AdminCenterDbContext db, string search, StatusSearchForm form, bool lookUpPair, SearchColumns columns)
    {
        var folded = DirectoryQueries.Fold(search);
        var dialect = SqlDialect.Of(db.Database);
        var ascii = Ascii.IsValid(folded);
        var part = form == StatusSearchForm.Indexed ? StatusSearchIndex.IndexedPart(folded) : null;
        var pair = form == StatusSearchForm.Indexed && lookUpPair && StatusSearchIndex.IsPair(folded);
        var joined = $$"""
            SELECT r.* FROM "MamRegistrations" AS r JOIN "Users" AS u ON u."Id" = r."UserId"
            WHERE {{RegistrationMatches(dialect, ascii, "r.")}} OR {{UserMatches(dialect, ascii, "u.")}}
            """;
        var sql = form switch
        {
            StatusSearchForm.Joined => joined,
            // PostgreSQL's scan is the join too: "OR "UserId" IN (users)" is a subplan that it hashes only while the
            // matching users fit in work_mem, and otherwise scans per registration.
            StatusSearchForm.Scan when dialect.IsPostgreSql => joined,
            StatusSearchForm.Scan => $$"""
                SELECT * FROM "MamRegistrations"
                WHERE {{RegistrationMatches(dialect, ascii, "")}}
                   OR "UserId" IN (SELECT "Id" FROM "Users" WHERE {{UserMatches(dialect, ascii, "")}})
                """,
            _ => Indexed(dialect, ascii, ascii && !folded.Contains(StatusSearchIndex.Separator, StringComparison.Ordinal), part, pair, columns),
        };
        return (sql, SearchArguments(folded, part));
    }

    /// <summary>
    /// <see cref="StatusSearchForm.Indexed"/>: one lookup of the registrations' searched text, which holds their users'
    /// beside theirs (see <see cref="StatusSearchIndex"/>), each candidate tested as the scan tests a registration and its
    /// user. The candidates come from the trigram index when the needle has a part to look up (<paramref name="part"/>),
    /// or by its <paramref name="pair"/> of characters (<see cref="StatusSearchIndex.IsPair"/>), else from a scan of that
    /// text. <paramref name="textDecides"/>: PostgreSQL's searched text alone decides (see <see cref="PostgreSqlIndexed"/>).
    /// </summary>
    private static string Indexed(SqlDialect dialect, bool ascii, bool textDecides, string? part, bool pair, SearchColumns columns)
    {
        if (dialect.IsPostgreSql)
        {
            return PostgreSqlIndexed(dialect, ascii, textDecides, part, pair, columns);
        }
        var text = $"\"{StatusSearchIndex.SqliteTextTable}\" AS t";
        var (from, candidates) = part switch
        {
            null when pair => (text, SqlitePairCandidates("t.")),
            null => (text, ""),
            _ => ($"\"{StatusSearchIndex.RegistrationsTable}\" AS f CROSS JOIN {text}",
                $"f.\"{StatusSearchIndex.RegistrationsTable}\" MATCH {{3}} AND t.rowid = f.rowid AND "),
        };
        // CROSS JOIN keeps the searched text outside in SQLite, each match's registration then read by its rowid. The
        // sort by user needs none of them (FirstByUserIdsAsync reads the few it keeps).
        var (selected, registrations) = columns switch
        {
            SearchColumns.Registrations => ("r.*", true),
            SearchColumns.Ids => ("r.\"Id\" AS \"Value\"", true),
            SearchColumns.Matches => ("t.rowid", false),
            _ => ("t.rowid AS \"RowId\", t.\"DisplayName\"", false),
        };
        return $"""
            SELECT {selected} FROM {from}{(registrations ? " CROSS JOIN \"MamRegistrations\" AS r" : "")}
            WHERE {candidates}({RegistrationMatches(dialect, ascii, "t.")} OR {UserMatches(dialect, ascii, "t.")}){(registrations ? " AND r.rowid = t.rowid" : "")}
            """;
    }

    /// <summary>
    /// PostgreSQL's <see cref="StatusSearchForm.Indexed"/>: the registrations' search table (a copy of their text and
    /// their users', kept by triggers) tested as the scan tests a registration and its user. The candidates come from
    /// its GIN indexes on all of that text as one value (<see cref="StatusSearchIndex.PostgreSqlSearchedText"/>): a LIKE
    /// of the needle's indexed part ({2}, the whole needle when it is ASCII), or a pair's own index. An ASCII needle
    /// (<paramref name="textDecides"/>: one without the separator) is tested on that value alone, which holds it exactly when
    /// one of the columns does; any other is tested column by column, as the scan does.
    /// LEFT JOIN: every search row has its registration (a foreign key), and a count that reads no column of r then
    /// skips r altogether (PostgreSQL removes the join): 12 ms for "user.5" at 100,000, 49 with a JOIN. A needle the
    /// indexes do not serve (one character, a pair many rows hold) reads the search table whole, a quarter of the
    /// registrations' pages.
    /// </summary>
    private static string PostgreSqlIndexed(SqlDialect dialect, bool ascii, bool textDecides, string? part, bool pair, SearchColumns columns)
    {
        var searchedText = StatusSearchIndex.PostgreSqlSearchedText("f.");
        // A needle of fewer than three characters has no trigram for the LIKE to look up: GIN would read its whole index.
        var lookup = (ascii && pair, part) switch
        {
            (true, _) => $"{StatusSearchIndex.PostgreSqlPairs("f.")} @> ARRAY[{{1}}]",
            (_, not null) => SqlDialect.FoldedLike(searchedText, "{2}"),
            _ => null,
        };
        // The needle the text decides is its own part, so the lookup's LIKE is the test; one too short for trigrams is
        // found by strpos, which no index serves (the planner took the trigram index for a LIKE of "57" and read it
        // whole: 966 ms at 1,000,000).
        var test = !textDecides ? $"({RegistrationMatches(dialect, ascii, "f.")} OR {UserMatches(dialect, ascii, "f.")})"
            : part is not null ? null
            : $"strpos({searchedText}, {{1}}) > 0";
        var selected = columns switch
        {
            SearchColumns.Registrations => "r.*",
            SearchColumns.Ids or SearchColumns.Matches => "f.\"Id\" AS \"Value\"",
            _ => "f.\"Id\", f.\"DisplayName\"",
        };
        return $"""
            SELECT {selected} FROM "{StatusSearchIndex.RegistrationsTable}" AS f LEFT JOIN "MamRegistrations" AS r ON r."Id" = f."Id"
            WHERE {string.Join(" AND ", new[] { lookup, test }.OfType<string>())}
            """;
    }

    /// <summary>
    /// SQLite, a needle of two ASCII characters: the rows of the searched text (aliased <paramref name="alias"/>) with a
    /// trigram starting with the pair in its FTS5 table, or a column that ends with it (each through its own index, which
    /// SQLite reads as a "MULTI-INDEX OR").
    /// </summary>
    private static string SqlitePairCandidates(string alias) =>
        $"({alias}rowid IN ({StatusSearchIndex.SqliteRowidsWithPair(StatusSearchIndex.RegistrationsTable, "{4}", "{5}")})"
        + string.Concat(StatusSearchIndex.SearchedColumns.Select(c => $" OR {StatusSearchIndex.SqliteEnding($"{alias}\"{c}\"")} = {{1}}")) + ") AND ";

    /// <summary>
    /// The search SQL's arguments: {0} the LIKE pattern of the folded needle (its own %, _ and \ escaped so they match
    /// literally), {1} the folded needle, {2} the LIKE pattern of its indexed part, {3} the part as an FTS5 phrase, {4} and
    /// {5} the range of FTS5 trigrams that start with a two-character needle (<see cref="StatusSearchIndex.TrigramRange"/>).
    /// </summary>
    private static object[] SearchArguments(string folded, string? part)
    {
        var (from, to) = StatusSearchIndex.IsPair(folded) ? StatusSearchIndex.TrigramRange(folded) : ("", "");
        return [StatusSearchIndex.ContainsPattern(folded), folded, StatusSearchIndex.ContainsPattern(part ?? ""), StatusSearchIndex.Fts5Phrase(part ?? ""), from, to];
    }

    /// <summary>
    /// The search's test on a registration's device name and user principal name ({0}: the LIKE pattern, {1}: the folded
    /// needle), its columns prefixed with <paramref name="alias"/>. An ASCII needle is matched folding ASCII letters only
    /// (<see cref="SqlDialect.AsciiCaseInsensitiveLike"/>): no call back into .NET and no locale's folding per row.
    /// </summary>
    private static string RegistrationMatches(SqlDialect dialect, bool ascii, string alias, string pattern = "{0}") => ascii
        ? $"({dialect.AsciiCaseInsensitiveLike($"{alias}\"DeviceName\"", pattern)} OR {dialect.AsciiCaseInsensitiveLike($"{alias}\"UserPrincipalName\"", pattern)})"
        : $"""({dialect.Contains($"admincenter_fold({alias}\"DeviceName\")", "{1}")} OR {dialect.Contains($"admincenter_fold({alias}\"UserPrincipalName\")", "{1}")})""";

    /// <summary>The same test on a user's user principal name (stored folded) and display name.</summary>
    private static string UserMatches(SqlDialect dialect, bool ascii, string alias, string pattern = "{0}") => ascii
        ? $"({SqlDialect.FoldedLike($"{alias}\"NormalizedUserPrincipalName\"", pattern)} OR {dialect.AsciiCaseInsensitiveLike($"{alias}\"DisplayName\"", pattern)})"
        : $"""({dialect.Contains($"{alias}\"NormalizedUserPrincipalName\"", "{1}")} OR {dialect.Contains($"admincenter_fold({alias}\"DisplayName\")", "{1}")})""";

    private static DeviceThreatLevel ToStored(ReportedThreatLevel level) => level switch
    {
        ReportedThreatLevel.Secured => DeviceThreatLevel.Secured,
        ReportedThreatLevel.Low => DeviceThreatLevel.Low,
        ReportedThreatLevel.Medium => DeviceThreatLevel.Medium,
        ReportedThreatLevel.High => DeviceThreatLevel.High,
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    private static RegistrationDetails ToDetails(MamRegistration r, EvaluationReasonSet? reasons) => new(
        r.Id, r.AppId, r.AppVersion, r.SdkVersion, r.DeviceName, r.DeviceManufacturer, r.DeviceModel, r.AzureAdDeviceId,
        r.PlatformVersion, r.EnrolledDateTime, r.LastCheckInDateTime, r.ThreatLevel, r.ThreatReportedDateTime, r.ThreatConnectorId,
        r.Outcome, r.OutcomeChangedDateTime, r.PolicyNames, ParseReasons(reasons?.ReasonsJson));

    /// <summary>The stored reasons; a malformed document reads as no reasons rather than breaking the user's page.</summary>
    internal static IReadOnlyList<OutcomeReason> ParseReasons(string? reasonsJson)
    {
        if (string.IsNullOrWhiteSpace(reasonsJson))
        {
            return [];
        }
        try
        {
            var stored = JsonSerializer.Deserialize<List<StoredReason?>>(reasonsJson, ReasonJson) ?? [];
            return [.. stored.OfType<StoredReason>().Select(s => new OutcomeReason(
                s.PolicyId, s.PolicyName, s.Setting, s.Expected, s.Actual,
                Enum.TryParse<EvaluationOutcome>(s.Action, ignoreCase: true, out var action) ? action : EvaluationOutcome.Allow,
                s.Remediation))];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>What a search's SQL reads.</summary>
    private enum SearchColumns
    {
        /// <summary>Whole registrations, for EF Core to compose on.</summary>
        Registrations,

        /// <summary>Their ids alone, as "Value".</summary>
        Ids,

        /// <summary>
        /// Their users' display names from the searched text, with their ids on PostgreSQL and on SQLite the searched
        /// text's rowid (the registration's), as "RowId".
        /// </summary>
        IdsAndDisplayNames,

        /// <summary>Only that they match, for a count: SQLite reads the searched text alone.</summary>
        Matches,
    }

    private sealed class RegistrationWithUser
    {
        public required MamRegistration Registration { get; init; }

        public required string DisplayName { get; init; }

        public int ThreatSeverity { get; init; }

        public int OutcomeSeverity { get; init; }
    }

    private sealed record StoredReason(
        string? PolicyId, string? PolicyName, string? Setting, string? Expected, string? Actual, string? Action, string? Remediation);
}

/// <summary>How a status search finds its registrations (each form finds the same ones).</summary>
internal enum StatusSearchForm
{
    /// <summary>
    /// Through the trigram indexes where the needle has a part to look up, in two parts that never share a row: reads only
    /// candidates and streams, so a count with a limit stops early.
    /// </summary>
    Indexed,

    /// <summary>Each registration joined with its user and tested on both: a walk in an index's order stops at the page.</summary>
    Joined,

    /// <summary>The plain scan the tests compare the other forms with.</summary>
    Scan,
}

internal static class StatusQueryOrdering
{
    public static IOrderedQueryable<T> SortBy<T, TKey>(this IQueryable<T> source, Expression<Func<T, TKey>> key, bool descending) =>
        descending ? source.OrderByDescending(key) : source.OrderBy(key);
}
