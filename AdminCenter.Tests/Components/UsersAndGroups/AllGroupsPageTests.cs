using AdminCenter.Components.Pages.Groups;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Tests.TestSupport;
using Bunit;

namespace AdminCenter.Tests.Components.UsersAndGroups;

public sealed class AllGroupsPageTests : DirectoryTestContext
{
    [Fact]
    public async Task AllGroupsPage_ExistingGroups_ListsNameDescriptionAndMemberCount()
    {
        var alice = await CreateUserAsync("alice@contoso.com", "Alice");
        var sales = (await GroupDirectory.CreateGroupAsync(new GroupInput("Sales", "Sales team"), [alice.Id], actor: TestActors.System)).Value!;
        await GroupDirectory.CreateGroupAsync(new GroupInput("Finance", null), memberIds: null, actor: TestActors.System);

        var cut = Render<AllGroupsPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".groups-table tbody tr").Count));
        var rows = cut.FindAll(".groups-table tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(["Finance", "", "0"], rows[0]);
        Assert.Equal(["Sales", "Sales team", "1"], rows[1]);
        Assert.Equal($"/groups/{sales.Id}", cut.FindAll(".groups-table tbody tr a")[1].GetAttribute("href"));
    }

    [Fact]
    public async Task NewGroup_TwoMembersPicked_CreatesTheGroupWithBoth()
    {
        await CreateUserAsync("alice@contoso.com", "Alice Smith");
        await CreateUserAsync("bob@contoso.com", "Bob Jones");
        await CreateUserAsync("carol@contoso.com", "Carol White");
        var popovers = RenderPopoverProvider();
        var cut = Render<AllGroupsPage>();
        Button(cut, "New group").Click();
        cut.WaitForAssertion(() => Field(cut, "Group name"));

        Type(cut, "Group name", "Sales");
        Type(cut, "Group description", "Sales team");
        PickUser(cut, popovers, "Members", "ali", "Alice Smith");
        PickUser(cut, popovers, "Members", "BOB@", "Bob Jones");
        Assert.Equal(["Alice Smith", "Bob Jones"], cut.FindAll(".picked-users .mud-chip").Select(c => c.TextContent.Trim()));
        Button(cut, "Create").Click();

        cut.WaitForAssertion(() => Assert.Contains("Sales team", cut.Find(".groups-table tbody").TextContent, StringComparison.Ordinal));
        var summary = Assert.Single((await GroupDirectory.ListGroupsAsync(null, 0, 50)).Items);
        var group = await GroupDirectory.GetGroupAsync(summary.Id);
        Assert.Equal(["Alice Smith", "Bob Jones"], group!.Members.Select(m => m.DisplayName));
        Assert.Equal("2", cut.Find(".groups-table tbody tr").QuerySelectorAll("td")[2].TextContent.Trim());
    }

    [Fact]
    public async Task NewGroup_PickedUserRemovedFromChips_IsNotAdded()
    {
        await CreateUserAsync("alice@contoso.com", "Alice Smith");
        await CreateUserAsync("bob@contoso.com", "Bob Jones");
        var popovers = RenderPopoverProvider();
        var cut = Render<AllGroupsPage>();
        Button(cut, "New group").Click();
        cut.WaitForAssertion(() => Field(cut, "Group name"));
        Type(cut, "Group name", "Sales");
        PickUser(cut, popovers, "Members", "a", "Alice Smith");
        PickUser(cut, popovers, "Members", "b", "Bob Jones");

        cut.FindAll(".picked-users .mud-chip")[0].QuerySelector("button")!.Click();
        Button(cut, "Create").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".groups-table tbody tr")));
        var summary = Assert.Single((await GroupDirectory.ListGroupsAsync(null, 0, 50)).Items);
        Assert.Equal(["Bob Jones"], (await GroupDirectory.GetGroupAsync(summary.Id))!.Members.Select(m => m.DisplayName));
    }

    [Fact]
    public async Task NewGroup_NameTakenInOtherCase_ShowsTheConflictAtTheNameField()
    {
        await GroupDirectory.CreateGroupAsync(new GroupInput("Sales", null), memberIds: null, actor: TestActors.System);
        var cut = Render<AllGroupsPage>();
        Button(cut, "New group").Click();
        cut.WaitForAssertion(() => Field(cut, "Group name"));

        Type(cut, "Group name", "SALES");
        Button(cut, "Create").Click();

        cut.WaitForAssertion(() => Assert.Contains("A group named SALES already exists.", Field(cut, "Group name").TextContent, StringComparison.Ordinal));
        Assert.Equal(1, (await GroupDirectory.ListGroupsAsync(null, 0, 50)).TotalCount);
    }

    [Fact]
    public void NewGroup_NoName_ShowsRequiredAtTheNameField()
    {
        var cut = Render<AllGroupsPage>();
        Button(cut, "New group").Click();
        cut.WaitForAssertion(() => Field(cut, "Group name"));

        Button(cut, "Create").Click();

        cut.WaitForAssertion(() => Assert.Contains(DirectoryValidator.GroupNameRequiredMessage, Field(cut, "Group name").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void NewGroup_EmptyNameThenBlur_ShowsRequiredBeforeCreateAndClearsWhenFixed()
    {
        var cut = Render<AllGroupsPage>();
        Button(cut, "New group").Click();
        cut.WaitForAssertion(() => Field(cut, "Group name"));

        TypeAndBlur(cut, "Group name", "   ");

        cut.WaitForAssertion(() => Assert.Contains(DirectoryValidator.GroupNameRequiredMessage, Field(cut, "Group name").TextContent, StringComparison.Ordinal));
        TypeAndBlur(cut, "Group name", "Sales");
        cut.WaitForAssertion(() => Assert.DoesNotContain(DirectoryValidator.GroupNameRequiredMessage, Field(cut, "Group name").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void NewGroup_Cancel_ClosesThePane()
    {
        var cut = Render<AllGroupsPage>();
        Button(cut, "New group").Click();
        cut.WaitForAssertion(() => Field(cut, "Group name"));

        cut.FindAll(".side-pane button").First(b => b.TextContent.Trim() == "Cancel").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".side-pane .group-name-field")));
    }
}
