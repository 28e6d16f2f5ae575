using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Mam;
using AdminCenter.Core.Persistence;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Tests.Core.Mam;

/// <summary>
/// The status search served by the trigram indexes (issue 17) finds exactly what the scan finds, needle by needle, on
/// the provider the tests run on: the index only narrows, the scan's predicate decides.
/// </summary>
public sealed class AppProtectionStatusSearchIndexTests : IClassFixture<AppProtectionStatusSearchIndexTests.Tenant>
{
    private readonly Tenant _tenant;

    public AppProtectionStatusSearchIndexTests(Tenant tenant) => _tenant = tenant;

    /// <summary>
    /// Each needle and how many registrations the scan must find (so that two empty answers cannot agree); null where the
    /// providers differ today (PostgreSQL's upper() turns ı into I; .NET keeps ı). An ASCII needle folds ASCII letters only
    /// on both, so "kelvin" does not find the Kelvin sign (U+212A), as .NET's upper-casing does not.
    /// </summary>
    public static TheoryData<string, int?> Needles => new()
    {
        { "alice", 2 },
        { "ALICE.SMITH@CONTOSO", 2 },
        { "aLiCe", 2 },
        { "  laptop-0042  ", 1 },
        { "laptop", 14 },
        { "contoso.com", 15 },
        { "zoë", 1 },
        { "ZOË", 1 },
        { "ångström", 1 },
        { "MÜLLER", 1 },
        { "müller", 1 },
        { "muller", 0 },
        { "straße", 1 },
        { "STRASSE", 0 },
        { "ıstanbul", null },
        { "istanbul", 0 },
        { "ſam-pc", 0 },
        { "sam-pc", 0 },
        { "kelvin", 0 },
        { "σίσυφος", 1 },
        { "ΣΊΣΥΦΟΣ", 1 },
        { "100%", 1 },
        { "%", 1 },
        { "0%_d", 1 },
        { "_", 2 },
        { "a_b", 1 },
        { "axb", 0 },
        { "\\", 1 },
        { "c:\\build", 1 },
        { "\"", 1 },
        { "quote\"d", 1 },
        { "\"quote", 0 },
        { "NEAR", 1 },
        { "x OR y", 1 },
        { "*", 0 },
        { "😀", 1 },
        { "😀-tab", 1 },
        { "a", 15 },
        { "é", 2 },
        { "7", 0 },
        { "42", 1 },
        { "qz", 0 },
        { "om", 15 },
        { "OM", 15 },
        { "p-", 8 },
        { "th", 2 },
        { "%_", 1 },
        // A pair at an even offset (PostgreSQL cuts the text into pairs at even and at odd ones).
        { "la", 14 },
        // PostgreSQL's pairs are split at chr(2): a pair holding it is scanned for.
        { "d\u0002", 1 },
        { "\"d", 1 },
        { "peggy.renamed", 1 },
        // Across a device name and its user principal name, as PostgreSQL's searched text joins them: in neither column.
        { "0042\u0001alice", 0 },
        { "2\u0001", 0 },
        { "no such device", 0 },
    };

    [Theory]
    [MemberData(nameof(Needles))]
    public async Task QueryAsync_SearchFromTheIndex_FindsWhatTheScanFinds(string needle, int? expected)
    {
        var filter = new AppProtectionStatusFilter { Search = needle };

        var indexed = await _tenant.IdsAsync(filter, StatusSearchForm.Indexed);
        var scanned = await _tenant.IdsAsync(filter, StatusSearchForm.Scan);

        Assert.Equal(scanned, indexed);
        if (expected is not null)
        {
            Assert.Equal(expected, scanned.Count);
        }
        // The service's own answer (count and page) is the indexed one.
        var page = await new AppProtectionStatusQueries(_tenant.Database).QueryAsync(filter, 0, 500);
        Assert.Equal(scanned.Count, page.TotalCount);
        Assert.Equal(scanned, page.Items.Select(r => r.RegistrationId).Order(StringComparer.Ordinal).ToList());
    }

    [Theory]
    [InlineData("om", 2)]
    [InlineData("p-", 3)]
    [InlineData("th", 50)]
    [InlineData("qz", 50)]
    [InlineData("%_", 50)]
    public async Task QueryAsync_PairScannedForInsteadOfLookedUp_ShowsTheSamePages(string needle, int take)
    {
        // A lookup that costs nothing is always taken; an infinite cost takes every pair the tenant holds for a common
        // one: the page, the count and the walk then scan, as a pair held by many rows of a large tenant is searched.
        var filter = new AppProtectionStatusFilter { Search = needle, Sort = AppProtectionStatusSort.LastSync, Descending = true };
        var lookedUp = new AppProtectionStatusQueries(_tenant.Database, searchCountLimit: 3, pairLookupCost: 0);
        var scanned = new AppProtectionStatusQueries(_tenant.Database, searchCountLimit: 3, pairLookupCost: double.PositiveInfinity);

        for (var skip = 0; skip < 20; skip += take)
        {
            var expected = await lookedUp.QueryAsync(filter, skip, take);
            var page = await scanned.QueryAsync(filter, skip, take);

            Assert.Equal(expected.Items.Select(r => r.RegistrationId), page.Items.Select(r => r.RegistrationId));
            Assert.Equal((expected.TotalCount, expected.TotalIsLowerBound), (page.TotalCount, page.TotalIsLowerBound));
        }
    }

    [Theory]
    [InlineData(0, 2_000, 1_000_000, true)]
    [InlineData(98, 2_000, 1_000_000, true)]
    [InlineData(200, 2_000, 1_000_000, true)]
    [InlineData(201, 2_000, 1_000_000, false)]
    [InlineData(2_000, 2_000, 1_000_000, false)]
    [InlineData(632, 2_000, 100_000, true)]
    [InlineData(633, 2_000, 100_000, false)]
    [InlineData(5, 15, 15, true)]
    [InlineData(15, 15, 15, true)]
    [InlineData(0, 0, 0, true)]
    public void PairLookupPays_SampledShare_LooksUpWhileItCostsLessThanTheCountsScan(long found, long sampled, long all, bool expected) =>
        Assert.Equal(expected, AppProtectionStatusQueries.PairLookupPays(found, sampled, all, AppProtectionStatusQueries.PairLookupCost));

    [Theory]
    [MemberData(nameof(Needles))]
    public async Task Matching_JoinedScan_FindsWhatTheScanFinds(string needle, int? expected)
    {
        _ = expected;
        var filter = new AppProtectionStatusFilter { Search = needle };

        var joined = await _tenant.IdsAsync(filter, StatusSearchForm.Joined);
        var scanned = await _tenant.IdsAsync(filter, StatusSearchForm.Scan);

        Assert.Equal(scanned, joined);
    }

    [Theory]
    [InlineData("laptop", AppProtectionStatusSort.LastSync)]
    [InlineData("a", AppProtectionStatusSort.LastSync)]
    [InlineData("contoso", AppProtectionStatusSort.User)]
    public async Task QueryAsync_BroadSearch_ShowsTheExactPagesAndAtLeastTheCount(string needle, AppProtectionStatusSort sort)
    {
        // A count limit of 3 makes these searches broad (14-15 matches): pages of 2 come from the walk and the bounded
        // count; the reference is the exact answer through the indexes.
        var filter = new AppProtectionStatusFilter { Search = needle, Sort = sort, Descending = true };
        var exact = await new AppProtectionStatusQueries(_tenant.Database).QueryAsync(filter, 0, 500);
        var broadQueries = new AppProtectionStatusQueries(_tenant.Database, searchCountLimit: 3);
        Assert.True(exact.TotalCount > 10);

        for (var skip = 0; skip < exact.TotalCount + 2; skip += 2)
        {
            var page = await broadQueries.QueryAsync(filter, skip, 2);

            Assert.Equal(exact.Items.Skip(skip).Take(2).Select(r => r.RegistrationId), page.Items.Select(r => r.RegistrationId));
            var counted = exact.TotalCount > skip + 3;
            Assert.Equal(counted, page.TotalIsLowerBound);
            Assert.Equal(counted ? skip + 3 : exact.TotalCount, page.TotalCount);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task QueryAsync_BroadSearchSortedByUserWithMoreTiesThanTheSlack_ShowsTheScansPages(bool descending)
    {
        // More registrations share one display name than the first-by-user read keeps past the page, another
        // name ties within it, and each name sorts on either side: every page must still be the scan's, in its order.
        using var database = new TestDatabase();
        var seed = new StatusSeed(database, new DateTime(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc));
        var minutes = 0;
        foreach (var (name, users, registrationsEach) in new[] { ("Aaron Tie", 2, 3), ("Tied Name", AppProtectionStatusQueries.UserSortSlack + 20, 1), ("Zed Tie", 1, 2) })
        {
            for (var i = 0; i < users; i++)
            {
                var user = await seed.UserAsync($"tie.{name.Replace(' ', '.')}.{i}@contoso.com", name);
                for (var j = 0; j < registrationsEach; j++)
                {
                    await seed.RegistrationAsync(user, $"TIE-PC-{i}-{j}", ++minutes % 7);
                }
            }
        }
        var filter = new AppProtectionStatusFilter { Search = "tie", Sort = AppProtectionStatusSort.User, Descending = descending };
        List<string> scanned;
        await using (var db = await database.CreateDirectoryContextAsync(CancellationToken.None))
        {
            scanned = await AppProtectionStatusQueries.Rows(db, AppProtectionStatusQueries.Matching(db, filter, StatusSearchForm.Scan), filter)
                .Select(r => r.RegistrationId).ToListAsync();
        }
        var queries = new AppProtectionStatusQueries(database, searchCountLimit: 3);

        foreach (var (skip, take) in new[] { (0, 5), (0, 50), (5, 50), (100, 50) })
        {
            var page = await queries.QueryAsync(filter, skip, take);
            Assert.Equal(scanned.Skip(skip).Take(take), page.Items.Select(r => r.RegistrationId));
        }
    }

    [Fact]
    public async Task QueryAsync_BroadSearchWithANarrowFilter_CountsExactly()
    {
        var queries = new AppProtectionStatusQueries(_tenant.Database, searchCountLimit: 3);

        var none = await queries.QueryAsync(new AppProtectionStatusFilter { Search = "laptop", Outcomes = [EvaluationOutcome.Block] }, 0, 50);
        var allowed = await queries.QueryAsync(new AppProtectionStatusFilter { Search = "laptop", Outcomes = [EvaluationOutcome.Allow] }, 0, 50);

        Assert.Equal((0, false), (none.TotalCount, none.TotalIsLowerBound));
        Assert.Empty(none.Items);
        Assert.Equal((3, true), (allowed.TotalCount, allowed.TotalIsLowerBound));
        Assert.Equal(14, allowed.Items.Count);
    }

    [Fact]
    public async Task QueryAsync_AfterDeletesAndAVacuum_StillFindsEveryRegistration()
    {
        // SQLite's FTS5 tables hold the base tables' rowids, and VACUUM may renumber the rowids of a table without an
        // INTEGER PRIMARY KEY. It keeps them where the table has an index (as the text primary key's own index is),
        // which is what this guards: rows deleted from the middle leave gaps a renumbering would close.
        using var database = new TestDatabase();
        var seed = new StatusSeed(database, new DateTime(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc));
        var registrations = new List<MamRegistration>();
        for (var i = 0; i < 6; i++)
        {
            var user = await seed.UserAsync($"vacuum.user{i}@contoso.com", $"Vacuum Person {i}");
            registrations.Add(await seed.RegistrationAsync(user, $"VACUUM-PC-{i}", i + 1));
        }
        await using (var db = database.CreateDbContext())
        {
            foreach (var gone in new[] { registrations[1], registrations[3] })
            {
                await db.Database.ExecuteSqlAsync($"""DELETE FROM "MamRegistrations" WHERE "Id" = {gone.Id}""");
                await db.Database.ExecuteSqlAsync($"""DELETE FROM "Users" WHERE "Id" = {gone.UserId}""");
            }
            var vacuum = TestProvider.Current == DatabaseProvider.PostgreSql ? """VACUUM FULL "MamRegistrations", "Users";""" : "VACUUM;";
            await db.Database.ExecuteSqlRawAsync(vacuum);
        }

        var queries = new AppProtectionStatusQueries(database);
        foreach (var i in new[] { 0, 2, 4, 5 })
        {
            var byDevice = await queries.QueryAsync(new AppProtectionStatusFilter { Search = $"vacuum-pc-{i}" }, 0, 50);
            var byUser = await queries.QueryAsync(new AppProtectionStatusFilter { Search = $"person {i}" }, 0, 50);
            Assert.Equal([registrations[i].Id], byDevice.Items.Select(r => r.RegistrationId));
            Assert.Equal([registrations[i].Id], byUser.Items.Select(r => r.RegistrationId));
        }
    }

    [Theory]
    [InlineData("LAPTOP-0042", "LAPTOP-0042")]
    [InlineData("AB", null)]
    [InlineData("ZOË ÅNGSTRÖM", null)]
    [InlineData("CAROL MÜLLER", "CAROL M")]
    [InlineData("JOSÉ", null)]
    [InlineData("ISTANBUL-PC", "ISTANBUL-PC")]
    [InlineData("ıSTANBUL-PC", "TANBUL-PC")]
    [InlineData("ÉTÉ-DEVICE", "-DEV")]
    [InlineData("Ü100%_\"", "100%_\"")]
    public void IndexedPart_FoldedNeedle_IsTheLongestRunTheIndexSurelyHolds(string folded, string? expected) =>
        Assert.Equal(expected, StatusSearchIndex.IndexedPart(folded));

    [Fact]
    public void IndexedPart_Assumption_OnlyLongSUpperCasesToAscii()
    {
        // IndexedPart skips I and S in a non-ASCII needle because ſ (and in some databases ı) upper-case to them; no
        // other character may.
        var toAscii = Enumerable.Range(0x80, 0x10000 - 0x80)
            .Where(c => c is < 0xD800 or > 0xDFFF)
            .Select(c => ((char)c).ToString())
            .Where(c => char.IsAscii(c.ToUpperInvariant()[0]))
            .ToList();

        Assert.Equal(["ſ"], toAscii);
    }

    [Fact]
    public async Task IndexedPart_Assumption_TheDatabaseUpperCasesOnlyDotlessIAndLongSToAscii()
    {
        await using var db = await _tenant.Database.CreateDbContextAsync();
        var sql = TestProvider.Current == DatabaseProvider.PostgreSql
            // PostgreSQL's upper() behind admincenter_fold, over the Basic Multilingual Plane without the surrogates.
            ? """SELECT chr(n) AS "Value" FROM generate_series(128, 65535) AS n WHERE (n < 55296 OR n > 57343) AND upper(chr(n)) ~ '^[\x01-\x7f]$' ORDER BY n"""
            // SQLite folds with the app's own function (DirectoryQueries), already covered: ASCII letters only through LIKE.
            : """SELECT 'ı' AS "Value" UNION ALL SELECT 'ſ'""";

        var toAscii = await db.Database.SqlQueryRaw<string>(sql).ToListAsync();

        Assert.Equal(["ı", "ſ"], toAscii);
    }

    /// <summary>
    /// Users and registrations whose names hold what a search can trip on: case beyond ASCII, accents, letters whose
    /// upper case is ASCII, LIKE and FTS5 syntax, a character outside the Basic Multilingual Plane.
    /// </summary>
    public sealed class Tenant : IAsyncLifetime, IDisposable
    {
        private readonly TestDatabase _database = new();

        public IDbContextFactory<AdminCenterDbContext> Database => _database;

        public async Task InitializeAsync()
        {
            var seed = new StatusSeed(_database, new DateTime(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc));
            (string Upn, string Name, string Device)[] rows =
            [
                ("alice.smith@contoso.com", "Alice Smith", "LAPTOP-0042"),
                ("bob@contoso.com", "Zoë Ångström", "LAPTOP-0100"),
                ("carol@contoso.com", "Carol Müller", "LAPTOP-0101"),
                ("dave@contoso.com", "Dave", "Straße-laptop"),
                ("erin@contoso.com", "Erin", "ıstanbul-laptop"),
                ("frank@contoso.com", "Frank", "ſam-pc laptop"),
                ("grace@contoso.com", "Grace \u212Aelvin", "LAPTOP-0102"),
                ("heidi@contoso.com", "ΣΊΣΥΦΟΣ σίσυφος", "LAPTOP-0103"),
                ("ivan@contoso.com", "Ivan", "100%_done laptop"),
                ("judy@contoso.com", "Judy", "a_b c:\\build\u0002 laptop"),
                ("mallory@contoso.com", "Mallory", "quote\"d laptop x OR y NEAR"),
                ("niaj@contoso.com", "Niaj", "😀-tablet laptop"),
                ("olivia@contoso.com", "José Été", "LAPTOP-0104"),
                ("peggy@contoso.com", "Peggy", "laptop-été"),
            ];
            var minutes = 0;
            foreach (var (upn, name, device) in rows)
            {
                var user = await seed.UserAsync(upn, name);
                await seed.RegistrationAsync(user, device, ++minutes, EvaluationOutcome.Allow);
            }
            // Alice has a second registration on a device whose name matches nothing: found by her names only.
            var alice = await Database.CreateDbContextAsync();
            await using (alice)
            {
                var user = await alice.DirectoryUsers.SingleAsync(u => u.NormalizedUserPrincipalName == "ALICE.SMITH@CONTOSO.COM");
                await seed.RegistrationAsync(user, "DESKTOP-1", ++minutes, EvaluationOutcome.Allow);
            }
            // A renamed device and a removed registration: the triggers must keep the index in step with the table.
            await using var db = await Database.CreateDbContextAsync();
            var renamed = await db.MamRegistrations.SingleAsync(r => r.DeviceName == "LAPTOP-0104");
            var removed = await db.MamRegistrations.SingleAsync(r => r.DeviceName == "LAPTOP-0103");
            await db.Database.ExecuteSqlAsync($"""UPDATE "MamRegistrations" SET "DeviceName" = 'laptop-was-0104' WHERE "Id" = {renamed.Id}""");
            await db.Database.ExecuteSqlAsync($"""DELETE FROM "MamRegistrations" WHERE "Id" = {removed.Id}""");
            var heidi = await seed.UserAsync("heidi2@contoso.com", "Heidi");
            await seed.RegistrationAsync(heidi, "LAPTOP-0103-new", ++minutes, EvaluationOutcome.Allow);
            await db.Database.ExecuteSqlAsync($"""UPDATE "Users" SET "DisplayName" = 'ΣΊΣΥΦΟΣ σίσυφος' WHERE "NormalizedUserPrincipalName" = 'HEIDI2@CONTOSO.COM'""");
            // A user renamed: found by the new name only (the registration keeps the name it was enrolled with).
            await db.Database.ExecuteSqlAsync($"""UPDATE "Users" SET "UserPrincipalName" = 'peggy.renamed@contoso.com', "NormalizedUserPrincipalName" = 'PEGGY.RENAMED@CONTOSO.COM' WHERE "NormalizedUserPrincipalName" = 'PEGGY@CONTOSO.COM'""");
        }

        internal async Task<List<string>> IdsAsync(AppProtectionStatusFilter filter, StatusSearchForm form)
        {
            await using var db = await _database.CreateDirectoryContextAsync(CancellationToken.None);
            var ids = await AppProtectionStatusQueries.Matching(db, filter, form).Select(r => r.Id).ToListAsync();
            return [.. ids.Order(StringComparer.Ordinal)];
        }

        public Task DisposeAsync() => Task.CompletedTask;

        public void Dispose() => _database.Dispose();
    }
}
