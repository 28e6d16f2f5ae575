using AdminCenter.Components.Pages.Groups;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Tests.TestSupport;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AdminCenter.Tests.Components.UsersAndGroups;

public sealed class GroupPageTests : DirectoryTestContext
{
    [Fact]
    public async Task GroupPage_GroupWithMembers_ShowsDetailsAndMembersWithoutRawIds()
    {
        var alice = await CreateUserAsync("alice@contoso.com", "Alice Smith");
        var bob = await CreateUserAsync("bob@contoso.com", "Bob Jones");
        var group = await CreateGroupAsync("Sales", "Sales team", alice.Id, bob.Id);

        var cut = RenderGroupPage(group.Id);

        cut.WaitForAssertion(() => Assert.Equal("Sales", cut.Find("h1").TextContent.Trim()));
        Assert.Equal("Sales team", cut.Find("[data-testid='group-description']").TextContent.Trim());
        Assert.Contains("Nov 25, 2026, 8:00 AM UTC", cut.Markup, StringComparison.Ordinal);
        var rows = cut.FindAll(".members-table tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList()).ToList();
        Assert.Equal([["Alice Smith", "alice@contoso.com", "Remove"], ["Bob Jones", "bob@contoso.com", "Remove"]], rows);
        Assert.DoesNotContain(group.Id, cut.Find(".blade-content").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(alice.Id, cut.Find(".blade-content").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroupPage_MoreMembers_AddNoComponents()
    {
        var few = await CreateGroupAsync("Few", null, (await CreateUserAsync("one@contoso.com", "One")).Id);
        var many = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            many.Add((await CreateUserAsync($"member{i}@contoso.com", $"Member {i}")).Id);
        }
        var large = await CreateGroupAsync("Many", null, [.. many]);

        var oneRow = RenderGroupPage(few.Id);
        oneRow.WaitForAssertion(() => Assert.Single(oneRow.FindAll(".members-table tbody tr")));
        var twelveRows = RenderGroupPage(large.Id);
        twelveRows.WaitForAssertion(() => Assert.Equal(12, twelveRows.FindAll(".members-table tbody tr").Count));

        // A member's row is markup of the members table (link and Remove button included), not components of its own.
        Assert.Equal(oneRow.FindComponents<IComponent>().Count, twelveRows.FindComponents<IComponent>().Count);
        Assert.All(twelveRows.FindAll(".members-table tbody tr"), row =>
            Assert.Equal($"Remove {row.QuerySelector("a")!.TextContent.Trim()}", row.QuerySelector("button")!.GetAttribute("aria-label")));
    }

    [Fact]
    public async Task GroupPage_ReadOnlyOperator_ShowsTheGroupWithoutChangeActions()
    {
        var alice = await CreateUserAsync("alice@contoso.com", "Alice Smith");
        var group = await CreateGroupAsync("Sales", "Sales team", alice.Id);
        SignInAsReader();

        var cut = RenderGroupPage(group.Id);

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".members-table tbody tr")));
        Assert.Equal(["Alice Smith", "alice@contoso.com", ""], cut.Find(".members-table tbody tr").QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        Assert.Empty(cut.FindAll("[role=toolbar]"));
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() is "Edit" or "Delete" or "Add" or "Remove");
    }

    [Fact]
    public async Task EditSave_NewNameAndDescription_SavesAndShowsThem()
    {
        var group = await CreateGroupAsync("Sales", null);
        var cut = RenderGroupPage(group.Id);
        cut.WaitForAssertion(() => Button(cut, "Edit").Click());

        Type(cut, "Group name", "Sales EMEA");
        Type(cut, "Group description", "Europe");
        Button(cut, "Save").Click();

        cut.WaitForAssertion(() => Assert.Equal("Sales EMEA", cut.Find("h1").TextContent.Trim()));
        Assert.Equal("Europe", cut.Find("[data-testid='group-description']").TextContent.Trim());
        Assert.Equal(("Sales EMEA", "Europe"), await StoredNameAndDescriptionAsync(group.Id));
    }

    [Fact]
    public async Task EditSave_EmptyName_ShowsTheMessageAtTheFieldAndKeepsTheName()
    {
        var group = await CreateGroupAsync("Sales", null);
        var cut = RenderGroupPage(group.Id);
        cut.WaitForAssertion(() => Button(cut, "Edit").Click());

        Type(cut, "Group name", " ");
        Button(cut, "Save").Click();

        cut.WaitForAssertion(() => Assert.Contains(DirectoryValidator.GroupNameRequiredMessage, Field(cut, "Group name").TextContent, StringComparison.Ordinal));
        Assert.Equal(("Sales", null), await StoredNameAndDescriptionAsync(group.Id));
    }

    [Fact]
    public async Task AddMembers_TwoUsersPicked_AddsBothAndDoesNotOfferMembers()
    {
        var alice = await CreateUserAsync("alice@contoso.com", "Alice Smith");
        await CreateUserAsync("bob@contoso.com", "Bob Jones");
        await CreateUserAsync("carol@contoso.com", "Carol White");
        var group = await CreateGroupAsync("Sales", null, alice.Id);
        var popovers = RenderPopoverProvider();
        var cut = RenderGroupPage(group.Id);
        cut.WaitForAssertion(() => Field(cut, "Add members"));

        Type(cut, "Add members", "o");
        ElapseDebounce();
        popovers.WaitForAssertion(() => Assert.Equal(2, popovers.FindAll(".mud-list-item").Count));
        Assert.DoesNotContain("Alice Smith", popovers.Markup, StringComparison.Ordinal);
        popovers.FindAll(".mud-list-item").First(i => i.TextContent.Contains("Bob Jones", StringComparison.Ordinal)).Click();
        PickUser(cut, popovers, "Add members", "carol", "Carol White");
        Button(cut, "Add").Click();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll(".members-table tbody tr").Count));
        Assert.Empty(cut.FindAll(".picked-users"));
        Assert.Equal(["Alice Smith", "Bob Jones", "Carol White"], (await GroupDirectory.GetGroupAsync(group.Id))!.Members.Select(m => m.DisplayName));
    }

    [Fact]
    public async Task Remove_Member_RemovesOnlyThatRow()
    {
        var alice = await CreateUserAsync("alice@contoso.com", "Alice Smith");
        var bob = await CreateUserAsync("bob@contoso.com", "Bob Jones");
        var group = await CreateGroupAsync("Sales", null, alice.Id, bob.Id);
        var cut = RenderGroupPage(group.Id);
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".members-table tbody tr").Count));

        cut.Find("button[aria-label='Remove Alice Smith']").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".members-table tbody tr")));
        Assert.Equal(["Bob Jones"], (await GroupDirectory.GetGroupAsync(group.Id))!.Members.Select(m => m.DisplayName));
        Assert.NotNull(await UserDirectory.GetUserAsync(alice.Id));
    }

    [Fact]
    public async Task Delete_Confirmed_DeletesTheGroupAndReturnsToAllGroups()
    {
        var group = await CreateGroupAsync("Sales", null);
        var dialogs = Render<MudDialogProvider>();
        var cut = RenderGroupPage(group.Id);
        cut.WaitForAssertion(() => Button(cut, "Delete").Click());

        dialogs.WaitForAssertion(() => Assert.Contains("Delete the group Sales?", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").First(b => b.TextContent.Trim() == "Delete").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.EndsWith("/groups", navigation.Uri, StringComparison.Ordinal));
        Assert.Null(await GroupDirectory.GetGroupAsync(group.Id));
    }

    [Fact]
    public async Task Delete_Canceled_KeepsTheGroup()
    {
        var group = await CreateGroupAsync("Sales", null);
        var dialogs = Render<MudDialogProvider>();
        var cut = RenderGroupPage(group.Id);
        cut.WaitForAssertion(() => Button(cut, "Delete").Click());

        dialogs.WaitForAssertion(() => dialogs.FindAll("button").First(b => b.TextContent.Trim() == "Cancel").Click());

        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Delete the group", dialogs.Markup, StringComparison.Ordinal));
        Assert.NotNull(await GroupDirectory.GetGroupAsync(group.Id));
    }

    [Fact]
    public void GroupPage_UnknownId_SaysTheGroupNoLongerExists()
    {
        var cut = RenderGroupPage("does-not-exist");

        cut.WaitForAssertion(() => Assert.Contains("This group no longer exists", cut.Markup, StringComparison.Ordinal));
    }

    private IRenderedComponent<GroupPage> RenderGroupPage(string id) => Render<GroupPage>(parameters => parameters.Add(p => p.GroupId, id));

    private async Task<GroupDetails> CreateGroupAsync(string name, string? description, params string[] memberIds)
    {
        var result = await GroupDirectory.CreateGroupAsync(new GroupInput(name, description), memberIds, actor: TestActors.System);
        Assert.True(result.Succeeded);
        return result.Value!;
    }

    private async Task<(string, string?)> StoredNameAndDescriptionAsync(string id)
    {
        var stored = await GroupDirectory.GetGroupAsync(id);
        return (stored!.DisplayName, stored.Description);
    }
}
