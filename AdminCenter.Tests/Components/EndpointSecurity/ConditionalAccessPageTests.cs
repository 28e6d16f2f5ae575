using AdminCenter.Components.Pages.EndpointSecurity;
using AdminCenter.Core.ConditionalAccess;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Tests.TestSupport;
using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AdminCenter.Tests.Components.EndpointSecurity;

public sealed class ConditionalAccessPageTests : MudTestContext
{
    public ConditionalAccessPageTests()
    {
        Services.AddSingleton<ConditionalAccessService>();
    }

    private ConditionalAccessService ConditionalAccess => Services.GetRequiredService<ConditionalAccessService>();

    [Fact]
    public void Page_NeverSaved_ShowsThePolicyOffWithNoGroups()
    {
        var cut = Render<ConditionalAccessPage>();

        cut.WaitForAssertion(() => Assert.Equal(ConditionalAccessPolicy.DefaultDisplayName, cut.Find("h2.content-title").TextContent.Trim()));
        Assert.Equal("Off", Input(cut, "State").GetAttribute("value"));
        Assert.Equal("No groups selected.", cut.Find(".included-groups tbody").TextContent.Trim());
        Assert.Equal("No groups selected.", cut.Find(".excluded-groups tbody").TextContent.Trim());
        Assert.True(Button(cut, "Save").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Save_StateOnAndAnIncludedGroupPicked_SavesThemAndSaysSo()
    {
        await GroupAsync("Sales");
        var popovers = RenderPopoverProvider();
        var cut = Render<ConditionalAccessPage>();
        cut.WaitForAssertion(() => Field(cut, "State"));

        Choose(cut, popovers, "State", "On");
        Pick(cut, popovers, "Add included groups", "Sales");
        cut.WaitForAssertion(() => Assert.Contains("Sales", cut.Find(".included-groups tbody").TextContent, StringComparison.Ordinal));
        Button(cut, "Save").Click();

        cut.WaitForAssertion(() => Assert.True(Button(cut, "Save").HasAttribute("disabled")));
        var policy = await ConditionalAccess.GetPolicyAsync();
        Assert.Equal(ConditionalAccessState.On, policy.State);
        Assert.Equal(["Sales"], policy.IncludedGroups.Select(g => g.DisplayName));
        Assert.Contains($"by {AdminName}", cut.Find("[data-testid='last-modified']").TextContent, StringComparison.Ordinal);
        Assert.Equal("On", Input(cut, "State").GetAttribute("value"));
    }

    [Fact]
    public async Task Save_GroupBothIncludedAndExcluded_ShowsTheMessageAtExcludedGroupsAndSavesNothing()
    {
        await GroupAsync("Sales");
        var popovers = RenderPopoverProvider();
        var cut = Render<ConditionalAccessPage>();
        cut.WaitForAssertion(() => Field(cut, "State"));

        Pick(cut, popovers, "Add included groups", "Sales");
        Pick(cut, popovers, "Add excluded groups", "Sales");
        cut.WaitForAssertion(() => Assert.Contains("Sales", cut.Find(".excluded-groups tbody").TextContent, StringComparison.Ordinal));
        Button(cut, "Save").Click();

        cut.WaitForAssertion(() => Assert.Contains("A group cannot be both included and excluded: Sales",
            cut.Find("section[aria-label='Excluded groups'] [role='alert']").TextContent, StringComparison.Ordinal));
        Assert.Equal(0, (await ConditionalAccess.GetPolicyAsync()).Version);
    }

    [Fact]
    public async Task Remove_AnIncludedGroup_RemovesItsRowAndDiscardBringsItBack()
    {
        var sales = await GroupAsync("Sales");
        await ConditionalAccess.SavePolicyAsync(new(ConditionalAccessState.ReportOnly, [sales], []), 0, TestActors.Named(AdminName));
        var cut = Render<ConditionalAccessPage>();
        cut.WaitForAssertion(() => Assert.Equal("Report-only", Input(cut, "State").GetAttribute("value")));

        cut.Find("button[aria-label='Remove Sales']").Click();

        cut.WaitForAssertion(() => Assert.Equal("No groups selected.", cut.Find(".included-groups tbody").TextContent.Trim()));
        Button(cut, "Discard").Click();
        cut.WaitForAssertion(() => Assert.Contains("Sales", cut.Find(".included-groups tbody").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Save_ChangedByAnotherAdminMeanwhile_ShowsWhoAndKeepsTheirChange()
    {
        var popovers = RenderPopoverProvider();
        var cut = Render<ConditionalAccessPage>();
        cut.WaitForAssertion(() => Field(cut, "State"));
        await ConditionalAccess.SavePolicyAsync(new(ConditionalAccessState.ReportOnly, [], []), 0, TestActors.Named("other@contoso.com"));

        Choose(cut, popovers, "State", "On");
        Button(cut, "Save").Click();

        cut.WaitForAssertion(() => Assert.Contains("changed by other@contoso.com", cut.Find(".mud-alert[role='alert']").TextContent, StringComparison.Ordinal));
        Assert.Equal(ConditionalAccessState.ReportOnly, (await ConditionalAccess.GetPolicyAsync()).State);
    }

    [Fact]
    public void Page_ReadOnlyRole_HasNoSaveAndNoPickers()
    {
        SignInAsReader();

        var cut = Render<ConditionalAccessPage>();

        cut.WaitForAssertion(() => Assert.Contains("can view this policy but not change it", cut.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() == "Save");
        Assert.Empty(cut.FindAll(".mud-autocomplete"));
    }

    private async Task<string> GroupAsync(string name)
    {
        var result = await Services.GetRequiredService<GroupService>().CreateGroupAsync(new GroupInput(name, null), memberIds: null, actor: TestActors.System);
        return result.Value!.Id;
    }

    private static IElement Field(IRenderedComponent<ConditionalAccessPage> cut, string label) =>
        cut.FindAll(".mud-input-control").First(c => c.QuerySelector("label")?.TextContent.Trim() == label);

    private static IElement Input(IRenderedComponent<ConditionalAccessPage> cut, string label) => Field(cut, label).QuerySelector("input")!;

    private static IElement Button(IRenderedComponent<ConditionalAccessPage> cut, string text) =>
        cut.FindAll("button").Single(b => b.TextContent.Trim() == text);

    private static void Choose(IRenderedComponent<ConditionalAccessPage> cut, IRenderedComponent<MudPopoverProvider> popovers, string label, string option)
    {
        Field(cut, label).MouseDown();
        popovers.WaitForAssertion(() => popovers.FindAll("div.mud-list-item").First(i => i.TextContent.Trim() == option).Click());
        cut.WaitForAssertion(() => Assert.Equal(option, Input(cut, label).GetAttribute("value")));
    }

    private static bool HasOption(IRenderedComponent<MudPopoverProvider> popovers, string group) =>
        popovers.FindAll(".mud-list-item").Any(i => i.TextContent.Contains(group, StringComparison.Ordinal));

    private void Pick(IRenderedComponent<ConditionalAccessPage> cut, IRenderedComponent<MudPopoverProvider> popovers, string label, string group)
    {
        Input(cut, label).Input(group);
        // The picker's search waits for a debounce timer on the fake clock, which may be armed only after this line
        // runs: move the clock on until the options appear, a bounded number of times.
        for (var attempt = 0; attempt < 20 && !HasOption(popovers, group); attempt++)
        {
            Clock.Advance(TimeSpan.FromMilliseconds(500));
            try
            {
                popovers.WaitForState(() => HasOption(popovers, group), TimeSpan.FromMilliseconds(250));
            }
            catch (Bunit.Extensions.WaitForHelpers.WaitForFailedException)
            {
                // Not yet: advance the clock again.
            }
        }
        popovers.FindAll(".mud-list-item").First(i => i.TextContent.Contains(group, StringComparison.Ordinal)).Click();
    }
}
