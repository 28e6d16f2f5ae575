using AdminCenter.Components.Pages.Users;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Tests.TestSupport;
using Bunit;

namespace AdminCenter.Tests.Components.UsersAndGroups;

public sealed class UserPageTests : DirectoryTestContext
{
    [Fact]
    public async Task UserPage_Member_ShowsPropertiesAndGroupsWithoutRawIds()
    {
        var alice = await CreateUserAsync("alice@contoso.com", "Alice Smith");
        var sales = (await GroupDirectory.CreateGroupAsync(new GroupInput("Sales", "Sales team"), [alice.Id], actor: TestActors.System)).Value!;

        var cut = RenderUserPage(alice.Id);

        cut.WaitForAssertion(() => Assert.Equal("Alice Smith", cut.Find("h1").TextContent.Trim()));
        Assert.Equal("Yes", cut.Find("[data-testid='account-enabled']").TextContent.Trim());
        Assert.Contains("alice@contoso.com", cut.Find(".facts").TextContent, StringComparison.Ordinal);
        Assert.Contains("Nov 25, 2026, 8:00 AM UTC", cut.Find(".facts").TextContent, StringComparison.Ordinal);
        var groupLink = cut.Find(".user-groups-table a");
        Assert.Equal(("Sales", $"/groups/{sales.Id}"), (groupLink.TextContent.Trim(), groupLink.GetAttribute("href")));
        Assert.DoesNotContain(alice.Id, cut.Find(".blade-content").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserPage_ReadOnlyOperator_ShowsTheUserWithoutChangeActions()
    {
        var alice = await CreateUserAsync("alice@contoso.com", "Alice Smith");
        SignInAsReader();

        var cut = RenderUserPage(alice.Id);

        cut.WaitForAssertion(() => Assert.Equal("Yes", cut.Find("[data-testid='account-enabled']").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[role=toolbar]"));
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() is "Edit" or "Disable account");
    }

    [Fact]
    public async Task DisableThenEnable_Account_FlipsTheStateAndTheButton()
    {
        var alice = await CreateUserAsync("alice@contoso.com", "Alice Smith");
        var cut = RenderUserPage(alice.Id);
        cut.WaitForAssertion(() => Button(cut, "Disable account").Click());

        cut.WaitForAssertion(() => Assert.Equal("No", cut.Find("[data-testid='account-enabled']").TextContent.Trim()));
        var disabled = (await UserDirectory.GetUserAsync(alice.Id))!.AccountEnabled;
        Button(cut, "Enable account").Click();
        cut.WaitForAssertion(() => Assert.Equal("Yes", cut.Find("[data-testid='account-enabled']").TextContent.Trim()));

        Assert.False(disabled);
        Assert.True((await UserDirectory.GetUserAsync(alice.Id))!.AccountEnabled);
        Assert.NotNull(Button(cut, "Disable account"));
    }

    [Fact]
    public async Task EditSave_NewDisplayName_SavesAndShowsIt()
    {
        var alice = await CreateUserAsync("alice@contoso.com", "Alice");
        var cut = RenderUserPage(alice.Id);
        cut.WaitForAssertion(() => Button(cut, "Edit").Click());

        Type(cut, "Display name", "Alice Smith");
        Button(cut, "Save").Click();

        cut.WaitForAssertion(() => Assert.Equal("Alice Smith", cut.Find("h1").TextContent.Trim()));
        Assert.Equal("Alice Smith", (await UserDirectory.GetUserAsync(alice.Id))!.DisplayName);
    }

    [Fact]
    public async Task EditSave_UpnOfAnotherUser_ShowsTheConflictAtTheFieldAndKeepsTheUpn()
    {
        await CreateUserAsync("bob@contoso.com", "Bob");
        var alice = await CreateUserAsync("alice@contoso.com", "Alice");
        var cut = RenderUserPage(alice.Id);
        cut.WaitForAssertion(() => Button(cut, "Edit").Click());

        Type(cut, "User principal name", "BOB@contoso.com");
        Button(cut, "Save").Click();

        cut.WaitForAssertion(() => Assert.Contains("A user with the user principal name BOB@contoso.com already exists.",
            Field(cut, "User principal name").TextContent, StringComparison.Ordinal));
        Assert.Equal("alice@contoso.com", (await UserDirectory.GetUserAsync(alice.Id))!.UserPrincipalName);
    }

    [Fact]
    public async Task Edit_DisplayNameClearedThenBlur_ShowsTheRuleAtTheFieldKeepsItAndSavesNothing()
    {
        var alice = await CreateUserAsync("alice@contoso.com", "Alice");
        var cut = RenderUserPage(alice.Id);
        cut.WaitForAssertion(() => Button(cut, "Edit").Click());

        TypeAndBlur(cut, "Display name", "");
        cut.WaitForAssertion(() => Assert.Contains(DirectoryValidator.DisplayNameRequiredMessage, Field(cut, "Display name").TextContent, StringComparison.Ordinal));
        Button(cut, "Save").Click();

        cut.WaitForAssertion(() => Assert.Contains(DirectoryValidator.DisplayNameRequiredMessage, Field(cut, "Display name").TextContent, StringComparison.Ordinal));
        Assert.Equal("Alice", (await UserDirectory.GetUserAsync(alice.Id))!.DisplayName);
    }

    [Fact]
    public async Task UserPage_Member_HeadsWithTheNameAndShowsTabsInSentenceCase()
    {
        var alice = await CreateUserAsync("alice@contoso.com", "Alice Smith");

        var cut = RenderUserPage(alice.Id);

        cut.WaitForAssertion(() => Assert.Equal("Alice Smith", cut.Find("h1").TextContent.Trim()));
        var tabs = cut.FindAll("[role='tab']").Select(t => t.TextContent.Trim()).ToList();
        Assert.Equal(["Overview", "App protection", "History", "What if"], tabs);
        Assert.Equal("true", cut.FindAll("[role='tab']")[0].GetAttribute("aria-selected"));
    }

    [Fact]
    public void UserPage_UnknownId_SaysTheUserNoLongerExists()
    {
        var cut = RenderUserPage("does-not-exist");

        cut.WaitForAssertion(() => Assert.Contains("This user no longer exists", cut.Markup, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("OS version", "abc")]
    [InlineData("App version", "131.x")]
    [InlineData("SDK version", "22631.3155")]
    public async Task WhatIf_BadVersionThenBlur_ShowsTheWizardsVersionRuleAndEvaluatesNothing(string label, string typed)
    {
        var alice = await CreateUserAsync("alice@contoso.com", "Alice Smith");
        var cut = RenderUserPage(alice.Id);
        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("[role='tab']").Count));
        cut.FindAll("[role='tab']").Single(t => t.TextContent.Trim() == "What if").Click();
        cut.WaitForAssertion(() => Field(cut, label));

        TypeAndBlur(cut, label, typed);
        cut.WaitForAssertion(() => Assert.Contains(HealthChecks.CheckVersion(label, typed)!, Field(cut, label).TextContent, StringComparison.Ordinal));
        Button(cut, "Evaluate").Click();

        cut.WaitForAssertion(() => Assert.Contains(HealthChecks.CheckVersion(label, typed)!, Field(cut, label).TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid='what-if-result']"));
        TypeAndBlur(cut, label, "");
        cut.WaitForAssertion(() => Assert.DoesNotContain("version", Field(cut, label).QuerySelector(".mud-input-helper-text")?.TextContent ?? "", StringComparison.Ordinal));
    }

    private IRenderedComponent<UserPage> RenderUserPage(string id) => Render<UserPage>(parameters => parameters.Add(p => p.UserId, id));
}
