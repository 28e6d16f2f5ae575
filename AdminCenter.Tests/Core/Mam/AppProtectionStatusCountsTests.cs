using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Jobs;
using AdminCenter.Core.Mam;
using AdminCenter.Core.Persistence;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AdminCenter.Tests.Core.Mam;

/// <summary>
/// The status report's totals from the per-group counters (<see cref="StatusCounts"/>) and its walk of the users by
/// display name: both must give exactly what counting and sorting the matching registrations gives, on either provider.
/// </summary>
public sealed class AppProtectionStatusCountsTests : IDisposable
{
    private static readonly DateTime Now = new(2026, 12, 2, 8, 0, 0, DateTimeKind.Utc);

    private static readonly EvaluationOutcome[][] OutcomeFilters =
        [[], [EvaluationOutcome.Block], [EvaluationOutcome.Allow, EvaluationOutcome.Wipe], [EvaluationOutcome.Warn, EvaluationOutcome.Block, EvaluationOutcome.Warn]];

    private static readonly ReportedThreatLevel[][] ThreatFilters =
        [[], [ReportedThreatLevel.High], [ReportedThreatLevel.NotReported], [ReportedThreatLevel.NotReported, ReportedThreatLevel.Low],
         [ReportedThreatLevel.Secured, ReportedThreatLevel.Medium]];

    private static readonly string?[] PolicyFilters = [null, "Edge", " Edge level 2 ", "edge", "Level", "Missing"];

    private readonly TestDatabase _database = new();
    private readonly AppProtectionStatusQueries _queries;
    private readonly StatusSeed _seed;

    public AppProtectionStatusCountsTests()
    {
        _queries = new AppProtectionStatusQueries(_database);
        _seed = new StatusSeed(_database, Now);
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task QueryAsync_EveryFilterCombination_TotalEqualsTheCountOfMatchingRegistrations()
    {
        await SeedMixAsync(users: 6);

        await AssertTotalsMatchTheScanAsync();
    }

    [Fact]
    public async Task QueryAsync_AfterChangesDeletesAndAddedRegistrations_TotalsStillEqualTheCount()
    {
        var registrations = await SeedMixAsync(users: 4);
        await using (var db = _database.CreateDbContext())
        {
            var tracked = await db.MamRegistrations.ToListAsync();
            // Every way a group changes: outcome, policies, a level reported and one cleared, the same values written again.
            tracked[0].SetEvaluation(EvaluationOutcome.Wipe, "Edge level 2", 1, Now);
            tracked[1].SeedHealthState(DeviceThreatLevel.High, Now, PartnerCatalog.WindowsSecurityCenterId);
            tracked[2].SeedHealthState(DeviceThreatLevel.Low, Now, "other-connector");
            tracked[2].ClearHealthFrom("other-connector");
            tracked[3].SetEvaluation(tracked[3].Outcome, tracked[3].PolicyNames, 2, Now);
            db.MamRegistrations.Remove(tracked[4]);
            await db.SaveChangesAsync();
        }
        await using (var db = _database.CreateDbContext())
        {
            // A user's deletion removes their registrations by the foreign key's cascade.
            var lastUserId = registrations[^1].UserId;
            var user = await db.DirectoryUsers.SingleAsync(u => u.Id == lastUserId);
            db.DirectoryUsers.Remove(user);
            await db.SaveChangesAsync();
            await db.MamRegistrations.Where(r => r.Outcome == EvaluationOutcome.Warn)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Outcome, EvaluationOutcome.Allow).SetProperty(r => r.PolicyNames, "Edge; Edge level 2"));
        }
        await _seed.RegistrationAsync(await _seed.UserAsync("late@contoso.com", "Late Comer"), "LATE-PC", 1, EvaluationOutcome.Block, DeviceThreatLevel.Medium, "Edge");

        await AssertTotalsMatchTheScanAsync();
        if (TestProvider.Current == DatabaseProvider.Sqlite)
        {
            await AssertOneRowPerNonEmptyGroupAsync();
        }
    }

    [Fact]
    public async Task Fold_AfterChanges_OneRowPerNonEmptyGroupAndTheSameTotals()
    {
        var seeded = await SeedMixAsync(users: 6);
        await using (var db = _database.CreateDbContext())
        {
            // Every group emptied into one by a bulk statement, then moved back row by row: deltas that cancel out.
            await db.MamRegistrations.ExecuteUpdateAsync(s => s.SetProperty(r => r.Outcome, EvaluationOutcome.Warn));
            var before = seeded.ToDictionary(r => r.Id, r => r.Outcome);
            var tracked = await db.MamRegistrations.OrderBy(r => r.Id).ToListAsync();
            foreach (var registration in tracked)
            {
                registration.SetEvaluation(before[registration.Id], registration.PolicyNames, 2, Now);
            }
            await db.SaveChangesAsync();
            tracked[0].SetEvaluation(EvaluationOutcome.Block, "Edge", 3, Now);
            await db.SaveChangesAsync();
        }
        var fold = new StatusCountsFold(_database, new JobLeases(_database), TimeProvider.System,
            Options.Create(new StatusCountsFoldOptions()), NullLogger<StatusCountsFold>.Instance);

        var groups = await fold.FoldAsync();

        await AssertTotalsMatchTheScanAsync();
        if (TestProvider.Current == DatabaseProvider.PostgreSql)
        {
            Assert.InRange(groups, 2, seeded.Count);
            await AssertOneRowPerNonEmptyGroupAsync();
        }
        else
        {
            // SQLite keeps one row per group from the start: nothing to fold.
            Assert.Equal(0, groups);
        }
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 0)]
    [InlineData(false, 3)]
    [InlineData(true, 7)]
    public async Task QueryAsync_SortedByUserWithFiltersAndPages_SameRowsInTheSameOrderAsSortingEveryMatch(bool descending, int skip)
    {
        await SeedMixAsync(users: 8);
        // Users sharing a display name: their registrations interleave by last sync, then id.
        foreach (var upn in new[] { "twin.a@contoso.com", "twin.b@contoso.com" })
        {
            var twin = await _seed.UserAsync(upn, "Alex Twin");
            await _seed.RegistrationAsync(twin, $"{upn[..6]}-1", 15, policyNames: "Edge");
            await _seed.RegistrationAsync(twin, $"{upn[..6]}-2", 15, EvaluationOutcome.Block);
        }
        AppProtectionStatusFilter[] filters =
        [
            new(), new() { Outcomes = [EvaluationOutcome.Block] }, new() { ThreatLevels = [ReportedThreatLevel.High] },
            new() { Policy = "Edge" }, new() { Outcomes = [EvaluationOutcome.Wipe], ThreatLevels = [ReportedThreatLevel.NotReported] },
        ];

        foreach (var filter in filters.Select(f => f with { Sort = AppProtectionStatusSort.User, Descending = descending }))
        {
            await using var db = _database.CreateDbContext();
            var everyMatch = await AppProtectionStatusQueries.Rows(db, AppProtectionStatusQueries.Matching(db, filter), filter).ToListAsync();

            var page = await _queries.QueryAsync(filter, skip, 5);

            Assert.Equal(everyMatch.Count, page.TotalCount);
            Assert.Equal(everyMatch.Skip(skip).Take(5).Select(r => r.RegistrationId), page.Items.Select(r => r.RegistrationId));
        }
    }

    [Fact]
    public async Task Rows_WalkingUsersByName_SameRowsInTheSameOrder()
    {
        await SeedMixAsync(users: 5);
        var filter = new AppProtectionStatusFilter { Sort = AppProtectionStatusSort.User, Descending = false };
        await using var db = _database.CreateDbContext();

        var sorted = await AppProtectionStatusQueries.Rows(db, AppProtectionStatusQueries.Matching(db, filter), filter).ToListAsync();
        var walked = await AppProtectionStatusQueries.Rows(db, AppProtectionStatusQueries.Matching(db, filter), filter, walkUsers: true).ToListAsync();

        Assert.Equal(20, sorted.Count);
        Assert.Equal(sorted, walked);
    }

    /// <summary>Per user four registrations spread over outcomes, threat levels (none and Not configured among them) and policy sets.</summary>
    private async Task<List<MamRegistration>> SeedMixAsync(int users)
    {
        var outcomes = Enum.GetValues<EvaluationOutcome>();
        DeviceThreatLevel?[] levels = [null, DeviceThreatLevel.NotConfigured, DeviceThreatLevel.Secured, DeviceThreatLevel.Low, DeviceThreatLevel.Medium, DeviceThreatLevel.High];
        string[] policies = ["", "Edge", "Edge level 2", "Edge; Edge level 2", "Edge level 2; Edge minimum OS"];
        var made = new List<MamRegistration>();
        for (var u = 0; u < users; u++)
        {
            // Display names out of their creation order, so sorting by user is not sorting by id.
            DirectoryUser user = await _seed.UserAsync($"user{u}@contoso.com", $"User {(u * 7) % users:D2}");
            for (var d = 0; d < 4; d++)
            {
                var i = (u * 4) + d;
                made.Add(await _seed.RegistrationAsync(user, $"PC-{i:D3}", minutesAgo: 10 + (i % 3),
                    outcomes[i % outcomes.Length], levels[i % levels.Length], policies[i % policies.Length]));
            }
        }
        return made;
    }

    /// <summary>No group twice and none left behind at zero (SQLite always; PostgreSQL's deltas once folded).</summary>
    private async Task AssertOneRowPerNonEmptyGroupAsync()
    {
        await using var db = _database.CreateDbContext();
        Assert.Equal(0, await db.Database.SqlQueryRaw<int>($"""SELECT count(*) AS "Value" FROM "{StatusCounts.Table}" WHERE "Count" <= 0""").SingleAsync());
        Assert.Equal(0, await db.Database.SqlQueryRaw<int>($"""
            SELECT count(*) AS "Value" FROM (SELECT 1 AS "Row" FROM "{StatusCounts.Table}" GROUP BY "Outcome", "ThreatLevel", "PolicyNames" HAVING count(*) > 1) AS "Repeated"
            """).SingleAsync());
    }

    private async Task AssertTotalsMatchTheScanAsync()
    {
        var combinations = 0;
        foreach (var outcomes in OutcomeFilters)
        {
            foreach (var levels in ThreatFilters)
            {
                foreach (var policy in PolicyFilters)
                {
                    var filter = new AppProtectionStatusFilter { Outcomes = outcomes, ThreatLevels = levels, Policy = policy };
                    await using var db = _database.CreateDbContext();
                    var scanned = await AppProtectionStatusQueries.Matching(db, filter).CountAsync();

                    var page = await _queries.QueryAsync(filter, 0, 1);

                    Assert.True(scanned == page.TotalCount, $"{string.Join(",", outcomes)} / {string.Join(",", levels)} / '{policy}': {page.TotalCount}, counted {scanned}");
                    combinations += scanned > 0 ? 1 : 0;
                }
            }
        }
        // The mix makes most combinations non-empty, so equal totals are not just zeros.
        Assert.True(combinations > 40, $"only {combinations} combinations matched anything");
    }
}
