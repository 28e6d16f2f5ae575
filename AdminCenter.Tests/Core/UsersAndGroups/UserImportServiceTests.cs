using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Core.UsersAndGroups;

public sealed class UserImportServiceTests : IDisposable
{
    private const string Header = "userPrincipalName,displayName,groups\n";
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);

    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly UserService _users;
    private readonly GroupService _groups;
    private readonly UserImportService _import;

    public UserImportServiceTests()
    {
        _users = new UserService(_database, _time, NullLogger<UserService>.Instance);
        _groups = new GroupService(_database, _time, NullLogger<GroupService>.Instance);
        _import = new UserImportService(_database, _time, NullLogger<UserImportService>.Instance);
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task ImportAsync_NewUsersAndGroups_CreatesThemAllEnabledWithMemberships()
    {
        const string csv = Header + "alice@contoso.com,Alice Smith,Sales;Marketing\n\"bob@contoso.com\",\"Jones, Bob\",sales\ncarol@contoso.com,Carol,\n";

        var report = (await _import.ImportAsync(csv, TestActors.System)).Value!;

        Assert.True(report.Imported);
        Assert.Equal([UserImportStatus.Created, UserImportStatus.Created, UserImportStatus.Created], report.Rows.Select(r => r.Status));
        Assert.Equal(["Sales", "Marketing"], report.CreatedGroups);
        Assert.Equal("Added to Sales, Marketing.", report.Rows[0].Reason);
        Assert.Equal("Imported 3 users: 3 created, 0 updated. Created 2 groups: Sales, Marketing.", report.Summary);
        var users = await _users.ListUsersAsync(null, 0, 50);
        Assert.Equal(["Alice Smith", "Carol", "Jones, Bob"], users.Items.Select(u => u.DisplayName));
        Assert.All(users.Items, u => Assert.True(u.AccountEnabled));
        var groups = await _groups.ListGroupsAsync(null, 0, 50);
        Assert.Equal([("Marketing", 1), ("Sales", 2)], groups.Items.Select(g => (g.DisplayName, g.MemberCount)));
    }

    [Fact]
    public async Task ImportAsync_ExistingUserInOtherCase_UpdatesDisplayNameKeepsAccountStateAndJoinsExistingGroup()
    {
        var alice = (await _users.CreateUserAsync(new UserInput("alice@contoso.com", "Alice"), actor: TestActors.System)).Value!;
        await _users.SetAccountEnabledAsync(alice.Id, false, actor: TestActors.System);
        var sales = (await _groups.CreateGroupAsync(new GroupInput("Sales", null), memberIds: null, actor: TestActors.System)).Value!;
        _time.Advance(TimeSpan.FromHours(1));

        var report = (await _import.ImportAsync(Header + "ALICE@CONTOSO.COM,Alice Smith,SALES;Finance\n", TestActors.System)).Value!;

        var row = Assert.Single(report.Rows);
        Assert.Equal((UserImportStatus.Updated, "alice@contoso.com"), (row.Status, row.UserPrincipalName));
        Assert.Equal("Display name changed from Alice. Added to Sales, Finance.", row.Reason);
        Assert.Equal(["Finance"], report.CreatedGroups);
        var stored = await _users.GetUserAsync(alice.Id);
        Assert.Equal(("alice@contoso.com", "Alice Smith", false), (stored!.UserPrincipalName, stored.DisplayName, stored.AccountEnabled));
        Assert.Equal(Start.UtcDateTime.AddHours(1), stored.LastModifiedDateTime);
        Assert.Equal(["Finance", "Sales"], stored.Groups.Select(g => g.DisplayName));
        Assert.Contains(sales.Id, await _users.GetGroupIdsOfUserAsync(alice.Id));
    }

    [Fact]
    public async Task ImportAsync_SameFileTwice_SecondRunUpdatesWithoutDuplicates()
    {
        const string csv = Header + "alice@contoso.com,Alice,Sales\n";
        await _import.ImportAsync(csv, TestActors.System);

        var second = (await _import.ImportAsync(csv, TestActors.System)).Value!;

        Assert.True(second.Imported);
        Assert.Equal("Already up to date.", Assert.Single(second.Rows).Reason);
        Assert.Empty(second.CreatedGroups);
        await using var db = _database.CreateDbContext();
        Assert.Equal((1, 1, 1), (await db.DirectoryUsers.CountAsync(), await db.DirectoryGroups.CountAsync(), await db.GroupMemberships.CountAsync()));
    }

    [Fact]
    public async Task ImportAsync_OneBadRow_ImportsNothingAndReportsWhichRowAndWhy()
    {
        await _users.CreateUserAsync(new UserInput("bob@contoso.com", "Bob"), actor: TestActors.System);
        const string csv = Header + "alice@contoso.com,Alice,NewGroup\nbob@contoso.com,Bob Renamed,NewGroup\nnot-a-upn,Carol,\n";

        var report = (await _import.ImportAsync(csv, TestActors.System)).Value!;

        Assert.False(report.Imported);
        Assert.Equal(1, report.RejectedCount);
        Assert.Equal([UserImportStatus.NotImported, UserImportStatus.NotImported, UserImportStatus.Rejected], report.Rows.Select(r => r.Status));
        var rejected = report.Rows[2];
        Assert.Equal((3, 4, "not-a-upn", DirectoryValidator.UserPrincipalNameFormatMessage), (rejected.RowNumber, rejected.LineNumber, rejected.UserPrincipalName, rejected.Reason));
        Assert.Equal("Nothing was imported: 1 row was rejected. Fix it and import the file again.", report.Summary);
        await using var db = _database.CreateDbContext();
        Assert.Equal(["Bob"], await db.DirectoryUsers.Select(u => u.DisplayName).ToListAsync());
        Assert.Equal(0, await db.DirectoryGroups.CountAsync());
    }

    [Fact]
    public async Task ImportAsync_DuplicateUpnInFile_ImportsNothing()
    {
        const string csv = Header + "alice@contoso.com,Alice,\nAlice@Contoso.com,Alice Two,\n";

        var report = (await _import.ImportAsync(csv, TestActors.System)).Value!;

        Assert.False(report.Imported);
        Assert.Equal(UserImportStatus.Rejected, report.Rows[1].Status);
        Assert.Contains("also on row 1", report.Rows[1].Reason, StringComparison.Ordinal);
        Assert.Equal(0, (await _users.ListUsersAsync(null, 0, 50)).TotalCount);
    }

    [Fact]
    public async Task ImportAsync_WrongHeader_ImportsNothingAndSaysWhy()
    {
        var report = (await _import.ImportAsync("email,name\nalice@contoso.com,Alice\n", TestActors.System)).Value!;

        Assert.False(report.Imported);
        Assert.Empty(report.Rows);
        Assert.StartsWith("Nothing was imported. The first line must be the header userPrincipalName,displayName,groups", report.Summary, StringComparison.Ordinal);
        Assert.Equal(0, (await _users.ListUsersAsync(null, 0, 50)).TotalCount);
    }

    [Fact]
    public async Task ImportAsync_UserCreatedMeanwhileUnderSameUpn_RollsBackWholeImport()
    {
        // Simulates a concurrent admin: the unique index refuses the import's insert after the import read the directory.
        await using (var db = _database.CreateDbContext())
        {
            await db.Database.ExecuteSqlRawAsync(TestSql.OnInsert("Groups", "concurrent_admin", """
                INSERT INTO "Users" ("Id", "UserPrincipalName", "NormalizedUserPrincipalName", "DisplayName", "AccountEnabled", "CreatedDateTime", "LastModifiedDateTime")
                VALUES ('other', 'zed@contoso.com', 'ZED@CONTOSO.COM', 'Zed', TRUE, '2026-03-01', '2026-03-01');
                """));
        }

        var report = (await _import.ImportAsync(Header + "zed@contoso.com,Zed,Sales\n", TestActors.System)).Value!;

        Assert.False(report.Imported);
        Assert.Equal("The directory changed while the file was being imported. Import it again.", report.FileProblem);
        Assert.Equal(UserImportStatus.NotImported, Assert.Single(report.Rows).Status);
        await using var check = _database.CreateDbContext();
        Assert.Equal(0, await check.DirectoryGroups.CountAsync());
        Assert.Equal(0, await check.DirectoryUsers.CountAsync());
    }
}
