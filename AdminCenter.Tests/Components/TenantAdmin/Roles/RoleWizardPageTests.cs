using AdminCenter.Components.Pages.TenantAdmin.Roles;
using AdminCenter.Core.Roles;
using AdminCenter.Tests.TestSupport;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AdminCenter.Tests.Components.TenantAdmin.Roles;

public sealed class RoleWizardPageTests : MudTestContext
{
    private static readonly Permission Read = new(PermissionCategory.ManagedApps, PermissionAction.Read);

    public RoleWizardPageTests() => Authorization.SetRoles(BuiltInRoles.GlobalAdministratorName);

    private CustomRoleService RoleService => Services.GetRequiredService<CustomRoleService>();

    [Fact]
    public void Next_EmptyName_ShowsTheRuleAtTheNameFieldAndStays()
    {
        var cut = RenderWizard();

        Click(cut, "Next");

        cut.WaitForAssertion(() => Assert.Contains(CustomRoleRules.NameRequiredMessage, cut.FieldOf("Name").TextContent, StringComparison.Ordinal));
        Assert.Equal("Basics", StepHeading(cut));
    }

    [Theory]
    [InlineData("global administrator", "'global administrator' is the name of a built-in role. Choose another name.")]
    [InlineData("POLICY READERS", "A role named 'POLICY READERS' already exists. Choose another name.")]
    [InlineData("Readers/Writers", CustomRoleRules.NameCharactersMessage)]
    public async Task Name_BuiltInTakenOrBadCharacters_MessageAtFieldStaysAfterBlur(string name, string expected)
    {
        var global = Actor.WithRoles(ActorKind.Administrator, AdminName, [BuiltInRoles.GlobalAdministrator]);
        await RoleService.CreateAsync(global, new("Policy readers", "", [Read]));
        var cut = RenderWizard();

        cut.TypeInto("Name", name);
        Click(cut, "Next");

        cut.WaitForAssertion(() => Assert.Contains(expected, cut.FieldOf("Name").TextContent, StringComparison.Ordinal));
        cut.InputByLabel("Name").Blur();
        cut.WaitForAssertion(() => Assert.Contains(expected, cut.FieldOf("Name").TextContent, StringComparison.Ordinal));
        Assert.Equal("Basics", StepHeading(cut));
    }

    [Fact]
    public void Permissions_NoneChosen_NextShowsWhyThenCreateSavesTheChosenOnes()
    {
        var cut = RenderWizard();
        cut.TypeInto("Name", "Policy readers");
        Next(cut, "Permissions");

        Click(cut, "Next");
        cut.WaitForAssertion(() => Assert.Contains(CustomRoleRules.PermissionsRequiredMessage, cut.Find("[role=alert]").TextContent, StringComparison.Ordinal));
        Assert.Equal("Permissions", StepHeading(cut));

        Choose(cut, "Managed apps/Read", "Yes");
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".wizard-body [role=alert]")));
        Next(cut, "Review + create");
        Assert.Contains("Policy readers", cut.Find(".wizard-body").TextContent, StringComparison.Ordinal);
        Click(cut, "Create");

        cut.WaitForAssertion(() => Assert.NotNull(Services.GetRequiredService<RoleCatalog>().Find("Policy readers")));
        Assert.Equal([Read], Services.GetRequiredService<RoleCatalog>().Find("Policy readers")!.Granted);
    }

    [Fact]
    public void Render_RoleWithoutIntuneRolesCreate_NamesThePermissionInsteadOfTheWizard()
    {
        Authorization.SetRoles(BuiltInRoles.IntuneAdministratorName);
        RenderPopoverProvider();

        var cut = Render<RoleWizardPage>();

        cut.WaitForAssertion(() => Assert.Contains("Intune roles/Create", cut.Find("[data-testid=no-permission]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("input"));
    }

    [Fact]
    public void Render_Basics_StaysUnderTheComponentBudget()
    {
        var cut = RenderWizard();

        cut.AssertStepDrawnAsMarkup();
        Assert.Equal(["Name", "Description"], cut.FindAll(".wizard-body label").Select(l => l.TextContent.Trim()));
        // The counter shows from the start, before anything is typed (the role has no name yet).
        Assert.Contains($"0 / {CustomRoleRules.MaxNameLength}", cut.FieldOf("Name").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Leave_AfterTypingAName_AsksFirstAndKeepEditingStays()
    {
        var dialogs = Render<MudDialogProvider>();
        var cut = RenderWizard();
        var navigation = Services.GetRequiredService<NavigationManager>();
        var start = navigation.Uri;

        cut.TypeInto("Name", "Helpdesk readers");
        cut.InvokeAsync(() => navigation.NavigateTo("/tenant-admin/roles"));

        dialogs.WaitForAssertion(() => Assert.Contains("This role has not been created", dialogs.Markup, StringComparison.Ordinal));
        cut.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Keep editing").Click());
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.Equal(start, navigation.Uri);
        Assert.Equal("Helpdesk readers", cut.InputByLabel("Name").GetAttribute("value"));
    }

    [Fact]
    public void Leave_WithoutChanges_GoesWithoutAsking()
    {
        var dialogs = Render<MudDialogProvider>();
        RenderWizard();
        var navigation = Services.GetRequiredService<NavigationManager>();

        navigation.NavigateTo("/tenant-admin/roles");

        Assert.EndsWith("/tenant-admin/roles", navigation.Uri, StringComparison.Ordinal);
        Assert.Empty(dialogs.FindAll(".mud-dialog"));
    }

    private IRenderedComponent<RoleWizardPage> RenderWizard()
    {
        RenderPopoverProvider();
        var cut = Render<RoleWizardPage>();
        cut.WaitForAssertion(() => cut.Find(".wizard-body"));
        return cut;
    }

    private static string StepHeading(IRenderedComponent<RoleWizardPage> cut) => cut.Find(".wizard-body h2").TextContent.Trim();

    private static void Click(IRenderedComponent<RoleWizardPage> cut, string button) =>
        cut.WaitForAssertion(() => cut.InvokeAsync(() => cut.FindAll(".wizard-footer button").Single(b => b.TextContent.Trim() == button).Click()).GetAwaiter().GetResult());

    /// <summary>
    /// Next until the step is <paramref name="expectedStep"/>: on a busy machine the typed value may land a render after
    /// the blur; a Next before that stays on Basics, as it should.
    /// </summary>
    private static void Next(IRenderedComponent<RoleWizardPage> cut, string expectedStep) =>
        cut.WaitForAssertion(() =>
        {
            if (StepHeading(cut) != expectedStep)
            {
                cut.InvokeAsync(() => cut.FindAll(".wizard-footer button").Single(b => b.TextContent.Trim() == "Next").Click()).GetAwaiter().GetResult();
            }
            Assert.Equal(expectedStep, StepHeading(cut));
        });

    /// <summary>Picks Yes or No in a permission's group, found by the group's accessible name.</summary>
    private static void Choose(IRenderedComponent<RoleWizardPage> cut, string permission, string answer) =>
        cut.WaitForAssertion(() => cut.InvokeAsync(() => cut.FindAll($"[aria-label='{permission}'] .mud-radio")
            .Single(radio => radio.TextContent.Trim() == answer).QuerySelector("input")!.Click()).GetAwaiter().GetResult());
}
