using AdminCenter.Core.Common;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Core.UsersAndGroups;

public sealed class GroupServiceTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);

    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly UserService _users;
    private readonly GroupService _groups;

    public GroupServiceTests()
    {
        _users = new UserService(_database, _time, NullLogger<UserService>.Instance);
        _groups = new GroupService(_database, _time, NullLogger<GroupService>.Instance);
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task CreateGroupAsync_WithTwoMembers_SavesGroupAndMembersSortedByDisplayName()
    {
        var zoe = await CreateUserAsync("zoe@contoso.com", "Zoe");
        var alice = await CreateUserAsync("alice@contoso.com", "alice");

        var result = await _groups.CreateGroupAsync(new GroupInput(" Sales ", " Sales team "), [zoe, alice], actor: TestActors.System);

        Assert.Equal(ServiceOutcome.Succeeded, result.Outcome);
        var group = await _groups.GetGroupAsync(result.Value!.Id);
        Assert.Equal(("Sales", "Sales team"), (group!.DisplayName, group.Description));
        Assert.Equal([("alice@contoso.com", "alice"), ("zoe@contoso.com", "Zoe")], group.Members.Select(m => (m.UserPrincipalName, m.DisplayName)));
        Assert.Equal(alice, group.Members[0].UserId);
        Assert.Equal(Start.UtcDateTime, group.CreatedDateTime);
    }

    [Theory]
    [InlineData("Sales")]
    [InlineData("SALES")]
    [InlineData(" sales ")]
    public async Task CreateGroupAsync_NameTakenInAnyCase_IsConflictAtTheNameField(string name)
    {
        await _groups.CreateGroupAsync(new GroupInput("Sales", null), memberIds: null, actor: TestActors.System);

        var result = await _groups.CreateGroupAsync(new GroupInput(name, "Another"), memberIds: null, actor: TestActors.System);

        Assert.Equal(ServiceOutcome.Conflict, result.Outcome);
        Assert.Equal($"A group named {name.Trim()} already exists.", result.MessageFor("displayName"));
        Assert.Equal(1, (await _groups.ListGroupsAsync(null, 0, 50)).TotalCount);
    }

    [Fact]
    public async Task CreateGroupAsync_InvalidInput_IsInvalidAndSavesNothing()
    {
        var result = await _groups.CreateGroupAsync(new GroupInput("", new string('d', 1025)), memberIds: null, actor: TestActors.System);

        Assert.Equal(ServiceOutcome.Invalid, result.Outcome);
        Assert.Equal(DirectoryValidator.GroupNameRequiredMessage, result.MessageFor("displayName"));
        Assert.Equal(DirectoryValidator.DescriptionTooLongMessage, result.MessageFor("description"));
        Assert.Equal(0, (await _groups.ListGroupsAsync(null, 0, 50)).TotalCount);
    }

    [Fact]
    public async Task CreateGroupAsync_UnknownMember_IsInvalidAndSavesNothing()
    {
        var alice = await CreateUserAsync("alice@contoso.com", "Alice");

        var result = await _groups.CreateGroupAsync(new GroupInput("Sales", null), [alice, "gone"], actor: TestActors.System);

        Assert.Equal(ServiceOutcome.Invalid, result.Outcome);
        Assert.Equal("One of the selected users no longer exists; nothing was saved.", result.MessageFor("members"));
        Assert.Equal(0, (await _groups.ListGroupsAsync(null, 0, 50)).TotalCount);
    }

    [Fact]
    public async Task UpdateGroupAsync_NewNameAndDescription_SavesThem()
    {
        var sales = await CreateGroupAsync("Sales");
        _time.Advance(TimeSpan.FromMinutes(5));

        var result = await _groups.UpdateGroupAsync(sales, new GroupInput("Sales EMEA", "Europe"), actor: TestActors.System);

        Assert.True(result.Succeeded);
        var stored = await _groups.GetGroupAsync(sales);
        Assert.Equal(("Sales EMEA", "Europe"), (stored!.DisplayName, stored.Description));
        Assert.Equal(Start.UtcDateTime.AddMinutes(5), stored.LastModifiedDateTime);
    }

    [Fact]
    public async Task UpdateGroupAsync_ClearDescription_StoresNoDescription()
    {
        var sales = (await _groups.CreateGroupAsync(new GroupInput("Sales", "Old"), memberIds: null, actor: TestActors.System)).Value!.Id;

        await _groups.UpdateGroupAsync(sales, new GroupInput("Sales", "  "), actor: TestActors.System);

        Assert.Null((await _groups.GetGroupAsync(sales))!.Description);
    }

    [Fact]
    public async Task UpdateGroupAsync_OtherGroupsNameInOtherCase_IsConflict()
    {
        await CreateGroupAsync("Sales");
        var finance = await CreateGroupAsync("Finance");

        var result = await _groups.UpdateGroupAsync(finance, new GroupInput("sALES", null), actor: TestActors.System);

        Assert.Equal(ServiceOutcome.Conflict, result.Outcome);
        Assert.Equal("Finance", (await _groups.GetGroupAsync(finance))!.DisplayName);
    }

    [Fact]
    public async Task UpdateGroupAsync_OwnNameInOtherCase_IsAllowed()
    {
        var sales = await CreateGroupAsync("Sales");

        var result = await _groups.UpdateGroupAsync(sales, new GroupInput("SALES", null), actor: TestActors.System);

        Assert.True(result.Succeeded);
        Assert.Equal("SALES", result.Value!.DisplayName);
    }

    [Fact]
    public async Task UpdateGroupAsync_UnknownId_IsNotFound()
    {
        var result = await _groups.UpdateGroupAsync("missing", new GroupInput("Sales", null), actor: TestActors.System);

        Assert.Equal(ServiceOutcome.NotFound, result.Outcome);
    }

    [Fact]
    public async Task DeleteGroupAsync_GroupWithMembers_RemovesGroupAndMembershipsButKeepsUsers()
    {
        var alice = await CreateUserAsync("alice@contoso.com", "Alice");
        var sales = (await _groups.CreateGroupAsync(new GroupInput("Sales", null), [alice], actor: TestActors.System)).Value!.Id;

        var deleted = await _groups.DeleteGroupAsync(sales, actor: TestActors.System);
        var deletedAgain = await _groups.DeleteGroupAsync(sales, actor: TestActors.System);

        Assert.True(deleted.Succeeded);
        Assert.Equal(ServiceOutcome.NotFound, deletedAgain.Outcome);
        Assert.Null(await _groups.GetGroupAsync(sales));
        await using var db = _database.CreateDbContext();
        Assert.Equal(0, await db.GroupMemberships.CountAsync());
        Assert.NotNull(await _users.GetUserAsync(alice));
    }

    [Fact]
    public async Task AddMembersAsync_ManyAtOnceIncludingAnExistingMember_AddsTheNewOnes()
    {
        var alice = await CreateUserAsync("alice@contoso.com", "Alice");
        var bob = await CreateUserAsync("bob@contoso.com", "Bob");
        var carol = await CreateUserAsync("carol@contoso.com", "Carol");
        var sales = (await _groups.CreateGroupAsync(new GroupInput("Sales", null), [alice], actor: TestActors.System)).Value!.Id;

        var result = await _groups.AddMembersAsync(sales, [alice, bob, carol, bob], actor: TestActors.System);

        Assert.True(result.Succeeded);
        Assert.Equal(["Alice", "Bob", "Carol"], result.Value!.Members.Select(m => m.DisplayName));
        Assert.Equal(3, (await _groups.GetGroupAsync(sales))!.Members.Count);
    }

    [Fact]
    public async Task AddMembersAsync_UnknownUser_AddsNobody()
    {
        var alice = await CreateUserAsync("alice@contoso.com", "Alice");
        var sales = await CreateGroupAsync("Sales");

        var result = await _groups.AddMembersAsync(sales, [alice, "gone-1", "gone-2"], actor: TestActors.System);

        Assert.Equal(ServiceOutcome.Invalid, result.Outcome);
        Assert.Equal("2 of the selected users no longer exist; nothing was saved.", result.MessageFor("members"));
        Assert.Empty((await _groups.GetGroupAsync(sales))!.Members);
    }

    [Fact]
    public async Task AddMembersAsync_NoUsers_IsInvalid()
    {
        var sales = await CreateGroupAsync("Sales");

        var result = await _groups.AddMembersAsync(sales, [], actor: TestActors.System);

        Assert.Equal(ServiceOutcome.Invalid, result.Outcome);
        Assert.NotNull(result.MessageFor("members"));
    }

    [Fact]
    public async Task AddMembersAsync_UnknownGroup_IsNotFound()
    {
        var alice = await CreateUserAsync("alice@contoso.com", "Alice");

        var result = await _groups.AddMembersAsync("missing", [alice], actor: TestActors.System);

        Assert.Equal(ServiceOutcome.NotFound, result.Outcome);
    }

    [Fact]
    public async Task RemoveMemberAsync_Member_RemovesOnlyThatMembership()
    {
        var alice = await CreateUserAsync("alice@contoso.com", "Alice");
        var bob = await CreateUserAsync("bob@contoso.com", "Bob");
        var sales = (await _groups.CreateGroupAsync(new GroupInput("Sales", null), [alice, bob], actor: TestActors.System)).Value!.Id;
        var finance = (await _groups.CreateGroupAsync(new GroupInput("Finance", null), [alice], actor: TestActors.System)).Value!.Id;

        var result = await _groups.RemoveMemberAsync(sales, alice, actor: TestActors.System);

        Assert.True(result.Succeeded);
        Assert.Equal(["Bob"], (await _groups.GetGroupAsync(sales))!.Members.Select(m => m.DisplayName));
        Assert.Equal([finance], await _users.GetGroupIdsOfUserAsync(alice));
    }

    [Fact]
    public async Task RemoveMemberAsync_NotAMember_ChangesNothing()
    {
        var alice = await CreateUserAsync("alice@contoso.com", "Alice");
        var sales = await CreateGroupAsync("Sales");
        var before = await _groups.GetGroupAsync(sales);
        _time.Advance(TimeSpan.FromHours(1));

        var result = await _groups.RemoveMemberAsync(sales, alice, actor: TestActors.System);

        Assert.True(result.Succeeded);
        Assert.Equal(before!.LastModifiedDateTime, (await _groups.GetGroupAsync(sales))!.LastModifiedDateTime);
    }

    [Fact]
    public async Task RemoveMemberAsync_UnknownGroup_IsNotFound()
    {
        var result = await _groups.RemoveMemberAsync("missing", "anyone", actor: TestActors.System);

        Assert.Equal(ServiceOutcome.NotFound, result.Outcome);
    }

    [Theory]
    [InlineData("sal", new[] { "Sales", "Sales EMEA" })]
    [InlineData("EMEA", new[] { "Sales EMEA" })]
    [InlineData("ïNG", new[] { "Marketïng" })]
    [InlineData("", new[] { "finance", "Marketïng", "Sales", "Sales EMEA" })]
    [InlineData(null, new[] { "finance", "Marketïng", "Sales", "Sales EMEA" })]
    [InlineData("none", new string[0])]
    public async Task ListGroupsAsync_Search_MatchesNameIgnoringCaseSortedByName(string? search, string[] expected)
    {
        foreach (var name in new[] { "Sales EMEA", "finance", "Sales", "Marketïng" })
        {
            await CreateGroupAsync(name);
        }

        var page = await _groups.ListGroupsAsync(search, 0, 50);

        Assert.Equal(expected, page.Items.Select(g => g.DisplayName));
        Assert.Equal(expected.Length, page.TotalCount);
    }

    [Fact]
    public async Task ListGroupsAsync_Paging_ReturnsSliceTotalAndMemberCounts()
    {
        var alice = await CreateUserAsync("alice@contoso.com", "Alice");
        var bob = await CreateUserAsync("bob@contoso.com", "Bob");
        for (var i = 1; i <= 7; i++)
        {
            await _groups.CreateGroupAsync(new GroupInput($"Group {i}", $"Number {i}"), i % 2 == 0 ? [alice, bob] : [alice], actor: TestActors.System);
        }

        var page = await _groups.ListGroupsAsync(null, 2, 3);

        Assert.Equal(7, page.TotalCount);
        Assert.Equal([("Group 3", "Number 3", 1), ("Group 4", "Number 4", 2), ("Group 5", "Number 5", 1)],
            page.Items.Select(g => (g.DisplayName, g.Description, g.MemberCount)));
    }

    [Fact]
    public async Task SearchGroupsAsync_Text_ReturnsIdNameAndMemberCountUpToTake()
    {
        var alice = await CreateUserAsync("alice@contoso.com", "Alice");
        var salesId = (await _groups.CreateGroupAsync(new GroupInput("Sales", null), [alice], actor: TestActors.System)).Value!.Id;
        await CreateGroupAsync("Sales EMEA");
        await CreateGroupAsync("Sales US");

        var found = await _groups.SearchGroupsAsync("SALES", 2);

        Assert.Equal([(salesId, "Sales", 1), (found[1].Id, "Sales EMEA", 0)], found.Select(g => (g.Id, g.DisplayName, g.MemberCount)));
    }

    private async Task<string> CreateUserAsync(string upn, string name) => (await _users.CreateUserAsync(new UserInput(upn, name), actor: TestActors.System)).Value!.Id;

    private async Task<string> CreateGroupAsync(string name) => (await _groups.CreateGroupAsync(new GroupInput(name, null), memberIds: null, actor: TestActors.System)).Value!.Id;
}
