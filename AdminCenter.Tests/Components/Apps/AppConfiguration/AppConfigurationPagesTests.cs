using AdminCenter.Components.Pages.Apps.AppConfiguration;
using AdminCenter.Components.Pages.Apps.Monitor;
using AdminCenter.Core.AppConfiguration;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Roles;
using AdminCenter.Tests.TestSupport;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AdminCenter.Tests.Components.Apps.AppConfiguration;

public sealed class AppConfigurationPagesTests : MudTestContext
{
    public AppConfigurationPagesTests()
    {
        Services.AddSingleton<AppConfigurationPolicyService>();
        Services.AddSingleton<AppConfigurationStatusQueries>();
    }

    [Fact]
    public void PoliciesPage_RoleWithoutManagedAppsRead_ShowsNoPermission()
    {
        // The test context signs in an Intune Administrator by default: this admin holds no role.
        Authorization.SetRoles();

        var cut = Render<AppConfigurationPoliciesPage>();

        cut.WaitForAssertion(() => Assert.Contains("Managed apps/Read", cut.Find("[data-testid=no-permission]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("Create", cut.FindAll("button").Select(b => b.TextContent.Trim()));
    }

    [Fact]
    public void StatusPage_RoleWithoutManagedAppsRead_ShowsNoPermission()
    {
        // The test context signs in an Intune Administrator by default: this admin holds no role.
        Authorization.SetRoles();

        var cut = Render<AppConfigurationStatusPage>();

        cut.WaitForAssertion(() => Assert.Contains("Managed apps/Read", cut.Find("[data-testid=no-permission]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PoliciesPage_IntuneAdministrator_ListsPoliciesWithCreate()
    {
        Authorization.SetRoles(BuiltInRoles.IntuneAdministratorName);
        var admin = Actor.WithRoles(ActorKind.Administrator, AdminName, [BuiltInRoles.IntuneAdministrator]);
        var created = await Services.GetRequiredService<AppConfigurationPolicyService>().CreateAsync(
            new AppConfigurationDraft { DisplayName = "Edge home page", Apps = [WindowsPolicyDraft.EdgeAppId] }, admin);
        Assert.True(created.Succeeded);

        var cut = Render<AppConfigurationPoliciesPage>();

        cut.WaitForAssertion(() => Assert.Contains("Edge home page", cut.Find(".policy-table").TextContent, StringComparison.Ordinal));
        Assert.Contains("Microsoft Edge (Windows)", cut.Find(".policy-table").TextContent, StringComparison.Ordinal);
        Assert.Contains("Create", cut.FindAll("button").Select(b => b.TextContent.Trim()));
    }

    [Fact]
    public void CreatePage_Basics_StaysUnderTheComponentBudget()
    {
        RenderPopoverProvider();

        var cut = Render<CreateAppConfigurationPage>();

        cut.WaitForAssertion(() => cut.Find(".wizard-body"));
        cut.AssertStepDrawnAsMarkup();
        // The apps table and its check box too.
        Assert.Empty(cut.FindComponents<MudCheckBox<bool>>());
    }

    [Fact]
    public void BasicsSection_EdgeCheckedThenCleared_SetsTheAppsAndTheBoxFollows()
    {
        var draft = new AppConfigurationDraft { DisplayName = "Edge home page" };
        var cut = Render<AppConfigBasicsSection>(parameters => parameters
            .Add(p => p.Draft, draft)
            .Add(p => p.DraftChanged, changed => draft = changed));
        var box = () => cut.Find("label.mud-checkbox:has(input[type=checkbox])");

        Assert.Equal("Microsoft Edge (Windows)", box().TextContent.Trim());
        box().QuerySelector("input")!.Change(true);
        Assert.Equal([WindowsPolicyDraft.EdgeAppId], draft.Apps);

        cut.Render(parameters => parameters.Add(p => p.Draft, draft));
        Assert.Contains("mud-checkbox-true", box().QuerySelector("span")!.ClassName, StringComparison.Ordinal);
        box().QuerySelector("input")!.Change(false);
        Assert.Empty(draft.Apps);
    }

    [Fact]
    public void BasicsSection_NameTyped_CommitsEachKeystrokeAndShowsTheRuleAtTheField()
    {
        var draft = new AppConfigurationDraft();
        var cut = Render<AppConfigBasicsSection>(parameters => parameters
            .Add(p => p.Draft, draft)
            .Add(p => p.DraftChanged, changed => draft = changed)
            .Add(p => p.OtherPolicyNames, ["Edge home page"]));
        var label = cut.FindAll("label").First(l => l.TextContent.Trim() == "Name");
        var input = cut.Find($"#{label.GetAttribute("for")}");

        input.Input("Edge home page");

        Assert.Equal("Edge home page", draft.DisplayName);
        var helper = cut.Find($"#{input.GetAttribute("aria-describedby")}");
        Assert.Contains("already exists", helper.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
    }

    [Fact]
    public void SettingsSection_UrlNotAbsolute_MessageAtTheField()
    {
        RenderPopoverProvider();
        var draft = new AppConfigurationDraft { EdgeSettings = [new AppConfigSetting("HomepageLocation", "")] };
        var cut = Render<AppConfigSettingsSection>(parameters => parameters
            .Add(p => p.Draft, draft)
            .Add(p => p.DraftChanged, changed => draft = changed));

        var input = cut.Find("[aria-label='HomepageLocation setting'] input");
        input.Change("contoso.sharepoint.com");
        input.Blur();

        cut.WaitForAssertion(() => Assert.Contains(
            "HomepageLocation must be an absolute http or https URL",
            cut.Find("[aria-label='HomepageLocation setting']").TextContent, StringComparison.Ordinal));
        Assert.Equal("contoso.sharepoint.com", draft.EdgeSettings[0].Value);
    }

    [Fact]
    public async Task Summary_IncludedGroupWithFilter_NamesTheFilterAndItsMode()
    {
        var filter = await Services.GetRequiredService<AdminCenter.Core.Filters.AssignmentFilterService>().CreateAsync(TestActors.GlobalAdministrator,
            new AdminCenter.Core.Filters.AssignmentFilterDraft { DisplayName = "Surface devices", Rule = "app.deviceManufacturer -eq \"Microsoft Corporation\"" });
        Assert.True(filter.Succeeded);
        var draft = new AppConfigurationDraft
        {
            IncludedGroupIds = ["g1", "g2"],
            ExcludedGroupIds = ["g3"],
            AssignmentFilters = [new AdminCenter.Core.Filters.IncludedGroupFilter("g1", filter.Value!.Id, AdminCenter.Core.Filters.AssignmentFilterMode.Exclude)],
        };

        var cut = Render<AppConfigSummary>(parameters => parameters
            .Add(p => p.Draft, draft)
            .Add(p => p.GroupNames, new Dictionary<string, string> { ["g1"] = "Sales", ["g2"] = "Finance", ["g3"] = "Interns" }));

        cut.WaitForAssertion(() => Assert.Contains("Finance, Sales (filter Surface devices, Exclude)",
            cut.Find("[aria-label=Assignments]").TextContent, StringComparison.Ordinal));
    }
}
