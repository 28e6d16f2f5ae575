using AdminCenter.Core.Common;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Core.UsersAndGroups;

public sealed class UserServiceTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);

    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly UserService _users;
    private readonly GroupService _groups;

    public UserServiceTests()
    {
        _users = new UserService(_database, _time, NullLogger<UserService>.Instance);
        _groups = new GroupService(_database, _time, NullLogger<GroupService>.Instance);
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task CreateUserAsync_ValidInput_SavesTrimmedUserWithUtcTimes()
    {
        var input = new UserInput("  alice@contoso.com ", " Alice Smith ", AccountEnabled: false);

        var result = await _users.CreateUserAsync(input, actor: TestActors.System);

        Assert.Equal(ServiceOutcome.Succeeded, result.Outcome);
        await using var db = _database.CreateDbContext();
        var stored = await db.DirectoryUsers.SingleAsync();
        Assert.Equal(("alice@contoso.com", "ALICE@CONTOSO.COM", "Alice Smith", false),
            (stored.UserPrincipalName, stored.NormalizedUserPrincipalName, stored.DisplayName, stored.AccountEnabled));
        Assert.Equal(Start.UtcDateTime, stored.CreatedDateTime);
        Assert.Equal(DateTimeKind.Utc, stored.CreatedDateTime.Kind);
        Assert.Equal(stored.Id, result.Value!.Id);
    }

    [Theory]
    [InlineData("alice@contoso.com")]
    [InlineData("ALICE@CONTOSO.COM")]
    [InlineData(" Alice@Contoso.com ")]
    public async Task CreateUserAsync_UpnTakenInAnyCase_IsConflictAtTheUpnField(string userPrincipalName)
    {
        await _users.CreateUserAsync(new UserInput("alice@contoso.com", "Alice"), actor: TestActors.System);

        var result = await _users.CreateUserAsync(new UserInput(userPrincipalName, "Another Alice"), actor: TestActors.System);

        Assert.Equal(ServiceOutcome.Conflict, result.Outcome);
        Assert.Equal($"A user with the user principal name {userPrincipalName.Trim()} already exists.", result.MessageFor("userPrincipalName"));
        Assert.Equal(1, (await _users.ListUsersAsync(null, 0, 50)).TotalCount);
    }

    [Fact]
    public async Task CreateUserAsync_InvalidInput_IsInvalidAndSavesNothing()
    {
        var result = await _users.CreateUserAsync(new UserInput("alice", ""), actor: TestActors.System);

        Assert.Equal(ServiceOutcome.Invalid, result.Outcome);
        Assert.Equal(DirectoryValidator.UserPrincipalNameFormatMessage, result.MessageFor("userPrincipalName"));
        Assert.Equal(DirectoryValidator.DisplayNameRequiredMessage, result.MessageFor("displayName"));
        Assert.Equal(0, (await _users.ListUsersAsync(null, 0, 50)).TotalCount);
    }

    [Fact]
    public async Task UpdateUserAsync_NewNames_SavesThemAndTheModifiedTime()
    {
        var created = (await _users.CreateUserAsync(new UserInput("alice@contoso.com", "Alice"), actor: TestActors.System)).Value!;
        _time.Advance(TimeSpan.FromHours(2));

        var result = await _users.UpdateUserAsync(created.Id, new UserInput("alice.smith@contoso.com", "Alice Smith", AccountEnabled: true), actor: TestActors.System);

        Assert.True(result.Succeeded);
        var stored = await _users.GetUserAsync(created.Id);
        Assert.Equal(("alice.smith@contoso.com", "Alice Smith"), (stored!.UserPrincipalName, stored.DisplayName));
        Assert.Equal(Start.UtcDateTime, stored.CreatedDateTime);
        Assert.Equal(Start.UtcDateTime.AddHours(2), stored.LastModifiedDateTime);
    }

    [Fact]
    public async Task UpdateUserAsync_OwnUpnInOtherCase_IsAllowed()
    {
        var created = (await _users.CreateUserAsync(new UserInput("alice@contoso.com", "Alice"), actor: TestActors.System)).Value!;

        var result = await _users.UpdateUserAsync(created.Id, new UserInput("Alice@Contoso.com", "Alice"), actor: TestActors.System);

        Assert.True(result.Succeeded);
        Assert.Equal("Alice@Contoso.com", result.Value!.UserPrincipalName);
    }

    [Fact]
    public async Task UpdateUserAsync_AnotherUsersUpn_IsConflictAndChangesNothing()
    {
        await _users.CreateUserAsync(new UserInput("alice@contoso.com", "Alice"), actor: TestActors.System);
        var bob = (await _users.CreateUserAsync(new UserInput("bob@contoso.com", "Bob"), actor: TestActors.System)).Value!;

        var result = await _users.UpdateUserAsync(bob.Id, new UserInput("ALICE@contoso.com", "Bob"), actor: TestActors.System);

        Assert.Equal(ServiceOutcome.Conflict, result.Outcome);
        Assert.Equal("bob@contoso.com", (await _users.GetUserAsync(bob.Id))!.UserPrincipalName);
    }

    [Fact]
    public async Task UpdateUserAsync_UnknownId_IsNotFound()
    {
        var result = await _users.UpdateUserAsync("missing", new UserInput("alice@contoso.com", "Alice"), actor: TestActors.System);

        Assert.Equal(ServiceOutcome.NotFound, result.Outcome);
    }

    [Fact]
    public async Task SetAccountEnabledAsync_DisableThenEnable_PersistsEach()
    {
        var created = (await _users.CreateUserAsync(new UserInput("alice@contoso.com", "Alice"), actor: TestActors.System)).Value!;

        var disabled = await _users.SetAccountEnabledAsync(created.Id, false, actor: TestActors.System);
        var afterDisable = await _users.GetUserAsync(created.Id);
        var enabled = await _users.SetAccountEnabledAsync(created.Id, true, actor: TestActors.System);
        var afterEnable = await _users.GetUserAsync(created.Id);

        Assert.False(disabled.Value!.AccountEnabled);
        Assert.False(afterDisable!.AccountEnabled);
        Assert.True(enabled.Value!.AccountEnabled);
        Assert.True(afterEnable!.AccountEnabled);
    }

    [Fact]
    public async Task SetAccountEnabledAsync_UnknownId_IsNotFound()
    {
        var result = await _users.SetAccountEnabledAsync("missing", false, actor: TestActors.System);

        Assert.Equal(ServiceOutcome.NotFound, result.Outcome);
    }

    [Theory]
    [InlineData("smith", new[] { "Alice Smith", "Zoe Smithers" })]
    [InlineData("SMITH", new[] { "Alice Smith", "Zoe Smithers" })]
    [InlineData("fabrikam", new[] { "bob" })]
    [InlineData("BOB@", new[] { "bob" })]
    [InlineData("éloïse", new[] { "ÉLOÏSE Martin" })]
    [InlineData("nobody", new string[0])]
    [InlineData("", new[] { "Alice Smith", "bob", "ÉLOÏSE Martin", "Zoe Smithers" })]
    [InlineData(null, new[] { "Alice Smith", "bob", "ÉLOÏSE Martin", "Zoe Smithers" })]
    public async Task ListUsersAsync_Search_MatchesUpnOrDisplayNameIgnoringCaseSortedByDisplayName(string? search, string[] expected)
    {
        await SeedAsync(("zoe@contoso.com", "Zoe Smithers"), ("bob@fabrikam.com", "bob"), ("alice@contoso.com", "Alice Smith"), ("eloise@contoso.com", "ÉLOÏSE Martin"));

        var page = await _users.ListUsersAsync(search, 0, 50);

        Assert.Equal(expected, page.Items.Select(u => u.DisplayName));
        Assert.Equal(expected.Length, page.TotalCount);
    }

    [Fact]
    public async Task ListUsersAsync_Paging_ReturnsTheRequestedSliceAndTheTotal()
    {
        await BulkSeedAsync(Enumerable.Range(1, 120).Select(i => ($"user{i:000}@contoso.com", $"User {i:000}")));

        var first = await _users.ListUsersAsync(null, 0, 50);
        var third = await _users.ListUsersAsync(null, 100, 50);
        var filtered = await _users.ListUsersAsync("user0", 10, 5);

        Assert.Equal(120, first.TotalCount);
        Assert.Equal(50, first.Items.Count);
        Assert.Equal("User 001", first.Items[0].DisplayName);
        Assert.Equal(20, third.Items.Count);
        Assert.Equal("User 101", third.Items[0].DisplayName);
        Assert.Equal(99, filtered.TotalCount);
        Assert.Equal(["User 011", "User 012", "User 013", "User 014", "User 015"], filtered.Items.Select(u => u.DisplayName));
    }

    [Theory]
    [InlineData(-5, 0, 0, 1)]
    [InlineData(0, 10_000, 0, UserService.MaxPageSize)]
    public async Task ListUsersAsync_OutOfRangePaging_IsClamped(int skip, int take, int expectedFirstIndex, int expectedCount)
    {
        await BulkSeedAsync(Enumerable.Range(1, UserService.MaxPageSize + 1).Select(i => ($"u{i:0000}@contoso.com", $"U {i:0000}")));

        var page = await _users.ListUsersAsync(null, skip, take);

        Assert.Equal(expectedCount, page.Items.Count);
        Assert.Equal($"U {expectedFirstIndex + 1:0000}", page.Items[0].DisplayName);
    }

    [Fact]
    public async Task SearchUsersAsync_Take_LimitsTheMatches()
    {
        await SeedAsync(("a1@contoso.com", "Ann One"), ("a2@contoso.com", "Ann Two"), ("a3@contoso.com", "Ann Three"), ("b@contoso.com", "Bob"));

        var found = await _users.SearchUsersAsync("ann", 2);

        Assert.Equal(["Ann One", "Ann Three"], found.Select(u => u.DisplayName));
    }

    [Fact]
    public async Task GetGroupIdsOfUserAsync_MemberOfTwoGroups_ReturnsThoseGroupIds()
    {
        var alice = (await _users.CreateUserAsync(new UserInput("alice@contoso.com", "Alice"), actor: TestActors.System)).Value!;
        var bob = (await _users.CreateUserAsync(new UserInput("bob@contoso.com", "Bob"), actor: TestActors.System)).Value!;
        var sales = (await _groups.CreateGroupAsync(new GroupInput("Sales", null), [alice.Id, bob.Id], actor: TestActors.System)).Value!;
        var finance = (await _groups.CreateGroupAsync(new GroupInput("Finance", null), [alice.Id], actor: TestActors.System)).Value!;
        await _groups.CreateGroupAsync(new GroupInput("Empty", null), memberIds: null, actor: TestActors.System);

        var aliceGroups = await _users.GetGroupIdsOfUserAsync(alice.Id);
        var bobGroups = await _users.GetGroupIdsOfUserAsync(bob.Id);

        Assert.Equal(new[] { sales.Id, finance.Id }.Order(StringComparer.Ordinal), aliceGroups);
        Assert.Equal([sales.Id], bobGroups);
        Assert.Empty(await _users.GetGroupIdsOfUserAsync("unknown"));
    }

    [Fact]
    public async Task GetUserAsync_Member_ListsItsGroupsByName()
    {
        var alice = (await _users.CreateUserAsync(new UserInput("alice@contoso.com", "Alice"), actor: TestActors.System)).Value!;
        await _groups.CreateGroupAsync(new GroupInput("Sales", "Sales team"), [alice.Id], actor: TestActors.System);
        await _groups.CreateGroupAsync(new GroupInput("finance", null), [alice.Id], actor: TestActors.System);

        var details = await _users.GetUserAsync(alice.Id);

        Assert.Equal(["finance", "Sales"], details!.Groups.Select(g => g.DisplayName));
        Assert.Equal("Sales team", details.Groups[1].Description);
    }

    [Fact]
    public async Task GetUserAsync_UnknownId_IsNull()
    {
        var details = await _users.GetUserAsync("missing");

        Assert.Null(details);
    }

    private async Task BulkSeedAsync(IEnumerable<(string Upn, string Name)> users)
    {
        await using var db = _database.CreateDbContext();
        db.DirectoryUsers.AddRange(users.Select(u => DirectoryUser.Create(u.Upn, u.Name, true, Start.UtcDateTime)));
        await db.SaveChangesAsync();
    }

    private async Task SeedAsync(params (string Upn, string Name)[] users)
    {
        foreach (var (upn, name) in users)
        {
            Assert.True((await _users.CreateUserAsync(new UserInput(upn, name), actor: TestActors.System)).Succeeded);
        }
    }
}
