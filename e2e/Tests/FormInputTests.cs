using AdminCenter.Components.Layout;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.E2E.Fixtures;
using AdminCenter.E2E.Pages;
using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.E2E.Tests;

/// <summary>
/// Issue 12: what an admin types is never lost or reordered, even typed the moment a field appears, and every form
/// says why at its field. Only web-first assertions, so the tests hold behind a slow link too.
/// </summary>
public sealed class FormInputTests(AdminCenterServerFixture server, BrowserFixture browser) : E2ETest(server, browser)
{
    [Fact]
    public Task Wizard_NameTypedAsSoonAsItAppears_KeepsEveryKeystroke() => RunAsync(async page =>
    {
        var name = $"Edge typed at once {Suffix()}";
        var wizard = await SignInAndOpenWizardAsync(page);

        await AdminPage.TypeAsync(wizard.NameField, name);

        await Expect(wizard.NameField).ToHaveValueAsync(name);
        await Expect(wizard.NameField).ToBeFocusedAsync();
    });

    [Fact]
    public Task Wizard_TemplateThenNameThenNextAtOnce_KeepsTheNameAndTheTemplate() => RunAsync(async page =>
    {
        var name = $"Edge template first {Suffix()}";
        var wizard = await SignInAndOpenWizardAsync(page);

        await page.GetByLabel("Start from a template", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Level 2 enhanced data protection", Exact = true }).ClickAsync();
        await AdminPage.TypeAsync(wizard.NameField, name);
        await wizard.NextAsync("Apps");

        await wizard.Button("Previous").ClickAsync();
        await Expect(wizard.NameField).ToHaveValueAsync(name);
        await Expect(page.GetByLabel("Start from a template", new() { Exact = true })).ToHaveValueAsync("Level 2 enhanced data protection");
    });

    [Fact]
    public Task Wizard_TemplateByKeyboard_EnterOpensTheListArrowAndEnterChoose() => RunAsync(async page =>
    {
        await SignInAsync(page);
        var shell = new AdminPage(page);
        var wizard = new AppProtectionPages(page);
        // A deep link starts from level 1, so that the list opens on a chosen item (with none chosen, MudSelect's first
        // arrow key only highlights the first item).
        await page.GotoAsync($"{AdminNavigation.CreateWindowsPolicy}?template=level1");
        await shell.WaitForInteractiveAsync();
        var template = page.GetByRole(AriaRole.Combobox, new() { Name = "Start from a template", Exact = true });
        await Expect(template).ToHaveValueAsync("Level 1 basic data protection");

        await template.FocusAsync();
        await template.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Option, new() { Name = "Level 2 enhanced data protection", Exact = true })).ToBeVisibleAsync();
        await Expect(template).ToBeFocusedAsync();
        await template.PressAsync("ArrowDown");
        await template.PressAsync("Enter");
        await Expect(template).ToHaveValueAsync("Level 2 enhanced data protection");
        await Expect(page.GetByRole(AriaRole.Option)).ToHaveCountAsync(0);
        await Expect(wizard.NameField).ToHaveValueAsync("");
    });

    [Fact]
    public Task Wizard_TakenNameThenTab_KeepsTheMessageAndSaysWhyNextIsDisabled() => RunAsync(async page =>
    {
        var taken = $"Edge taken {Suffix()}";
        var services = Server.Services;
        var policy = Core.AppProtection.PolicyTemplates.Create(Core.AppProtection.PolicyTemplateLevel.Level1Basic) with { DisplayName = taken };
        Assert.True((await services.GetRequiredService<Core.AppProtection.AppProtectionPolicyService>().CreateAsync(policy, TestActors.Named("e2e"))).Succeeded);
        var wizard = await SignInAndOpenWizardAsync(page);

        await AdminPage.TypeAsync(wizard.NameField, taken);
        await wizard.NameField.PressAsync("Tab");

        var message = $"A Windows policy named '{taken}' already exists";
        await Expect(page.Locator(".mud-input-control").Filter(new() { Has = wizard.NameField })).ToContainTextAsync(message);
        await Expect(wizard.Button("Next")).ToBeDisabledAsync();
        await Expect(wizard.DisabledReason).ToContainTextAsync(message);
        await new AdminPage(page).SaveScreenshotsAsync("50-wizard-name-taken");
        await wizard.NameField.PressAsync("End");
        await AdminPage.TypeAsync(wizard.NameField, " 2");
        await Expect(wizard.Button("Next")).ToBeEnabledAsync();
        await Expect(wizard.DisabledReason).ToHaveCountAsync(0);
    });

    [Fact]
    public Task Wizard_LeaveWithChanges_AsksFirstAndNothingWithout() => RunAsync(async page =>
    {
        var name = $"Edge leave {Suffix()}";
        var wizard = await SignInAndOpenWizardAsync(page);

        await wizard.ClickListBreadcrumbAsync();
        await Expect(wizard.Heading("Apps | App protection policies")).ToBeVisibleAsync();
        await wizard.StartWindowsPolicyAsync();
        await AdminPage.TypeAsync(wizard.NameField, name);
        await Expect(wizard.NameField).ToHaveValueAsync(name);
        await wizard.ClickListBreadcrumbAsync();
        await Expect(wizard.Dialog).ToContainTextAsync("Discard changes?");
        await new AdminPage(page).SaveScreenshotsAsync("51-wizard-discard-changes");
        await wizard.ClickDialogButtonAsync("Keep editing");
        await Expect(wizard.Dialog).ToHaveCountAsync(0);
        await Expect(wizard.NameField).ToHaveValueAsync(name);
        await wizard.ClickListBreadcrumbAsync();
        await wizard.ClickDialogButtonAsync("Discard changes");

        await Expect(wizard.Heading("Apps | App protection policies")).ToBeVisibleAsync();
        await Expect(wizard.Row(name)).ToHaveCountAsync(0);
    });

    [Fact]
    public Task Users_SearchAndNewUserTypedAtOnce_KeepEveryKeystrokeAndShowRulesAtTheirFields() => RunAsync(async page =>
    {
        var suffix = Suffix();
        await Server.Services.GetRequiredService<UserService>().CreateUserAsync(new UserInput($"megan.bowen.{suffix}@contoso.com", $"Megan Bowen {suffix}"), actor: TestActors.System);
        await SignInAsync(page);
        var users = new UsersPage(page);
        await users.OpenThroughNavigationAsync();

        var search = $"megan.bowen.{suffix}";
        await AdminPage.TypeAsync(users.SearchBox, search);
        await Expect(users.SearchBox).ToHaveValueAsync(search);
        await Expect(users.Rows).ToHaveCountAsync(1);
        await Expect(users.Row($"Megan Bowen {suffix}")).ToBeVisibleAsync();

        await users.OpenNewUserPaneAsync();
        var upn = users.PaneField("User principal name");
        await AdminPage.TypeAsync(upn, $"lee.gu.{suffix}");
        await upn.PressAsync("Tab");
        await Expect(upn).ToHaveValueAsync($"lee.gu.{suffix}");
        await Expect(users.Pane).ToContainTextAsync(DirectoryValidator.UserPrincipalNameFormatMessage);
        await AdminPage.TypeAsync(users.PaneField("Display name"), $"Lee Gu {suffix}");
        await Expect(users.PaneField("Display name")).ToHaveValueAsync($"Lee Gu {suffix}");
        await new AdminPage(page).SaveScreenshotsAsync("52-new-user-message");
        await upn.PressAsync("End");
        await AdminPage.TypeAsync(upn, "@contoso.com");
        await upn.PressAsync("Tab");
        await Expect(upn).ToHaveValueAsync($"lee.gu.{suffix}@contoso.com");
        await Expect(users.Pane).Not.ToContainTextAsync(DirectoryValidator.UserPrincipalNameFormatMessage);
        await users.Pane.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        await Expect(users.PaneHeading("New user")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task Panes_Escape_ClosesNewUserImportNewGroupAndAddConnector() => RunAsync(async page =>
    {
        await SignInAsync(page);
        var users = new UsersPage(page);
        await users.OpenThroughNavigationAsync();
        await users.OpenNewUserPaneAsync();
        await Expect(users.PaneField("User principal name")).ToBeFocusedAsync();
        await users.PressEscapeInPaneAsync("New user");
        await users.OpenImportPaneAsync();
        await Expect(users.Pane.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true })).ToBeVisibleAsync();
        await Expect(users.PaneField("CSV")).ToBeFocusedAsync();
        await users.PressEscapeInPaneAsync("Bulk import users");

        var groups = new GroupsPage(page);
        await groups.OpenThroughNavigationAsync();
        await groups.OpenNewGroupPaneAsync();
        await Expect(groups.Pane.GetByLabel("Group name", new() { Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(groups.Pane.GetByRole(AriaRole.Heading, new() { Name = "New group" })).ToHaveCountAsync(0);

        var mtd = new MobileThreatDefensePage(page);
        await mtd.OpenThroughNavigationAsync();
        await mtd.OpenAddPaneAsync();
        await Expect(mtd.DisabledReason).ToContainTextAsync("select a connector to set up");
        await mtd.SaveScreenshotsAsync("55-add-connector-reason");
        await mtd.PressEscapeInPaneAsync();
    });

    [Fact]
    public Task Pane_EscapeTheMomentItOpens_ClosesIt() => RunAsync(async page =>
    {
        await SignInAsync(page);
        var users = new UsersPage(page);
        await users.OpenThroughNavigationAsync();
        await users.OpenNewUserPaneAsync();

        // No wait for the pane's focus or anything else of it: Escape is kept until the pane can act on it.
        await users.PressEscapeInPaneAsync("New user");
    });

    [Fact]
    public Task WhatIf_VersionsTypedAtOnce_KeepEveryKeystrokeAndRefuseWhatIsNotAVersion() => RunAsync(async page =>
    {
        var suffix = Suffix();
        var displayName = $"Nestor {suffix}";
        await Server.Services.GetRequiredService<UserService>().CreateUserAsync(new UserInput($"nestor.{suffix}@contoso.com", displayName), actor: TestActors.System);
        await SignInAsync(page);
        var users = new UsersPage(page);
        await users.OpenThroughNavigationAsync();
        await AdminPage.TypeAsync(users.SearchBox, suffix);
        await users.OpenUserAsync(displayName);
        await users.OpenTabAsync("What if");

        var os = users.WhatIfField("OS version");
        await os.ClearAsync();
        await AdminPage.TypeAsync(os, "abc");
        await os.PressAsync("Tab");
        await Expect(os).ToHaveValueAsync("abc");
        await Expect(page.Locator(".what-if")).ToContainTextAsync("'abc' is not a version");
        await page.GetByRole(AriaRole.Button, new() { Name = "Evaluate", Exact = true }).ClickAsync();
        await Expect(page.Locator(".what-if")).ToContainTextAsync("'abc' is not a version");
        await Expect(users.WhatIfResult).ToHaveCountAsync(0);
        await new AdminPage(page).SaveScreenshotsAsync("53-what-if-bad-version");

        await os.ClearAsync();
        await AdminPage.TypeAsync(os, "10.0.22631.4460");
        var app = users.WhatIfField("App version");
        await app.ClearAsync();
        await AdminPage.TypeAsync(app, "131.0.2903.70");
        await Expect(os).ToHaveValueAsync("10.0.22631.4460");
        await Expect(app).ToHaveValueAsync("131.0.2903.70");
        await page.GetByRole(AriaRole.Button, new() { Name = "Evaluate", Exact = true }).ClickAsync();
        await Expect(users.WhatIfResult).ToContainTextAsync("Outcome");
        await Expect(page.Locator(".what-if")).Not.ToContainTextAsync("is not a version");
    });

    private static string Suffix() => Guid.NewGuid().ToString("N")[..6];

    private static async Task<AppProtectionPages> SignInAndOpenWizardAsync(IPage page)
    {
        await SignInAsync(page);
        var wizard = new AppProtectionPages(page);
        await wizard.OpenThroughNavigationAsync();
        await wizard.StartWindowsPolicyAsync();
        return wizard;
    }
}
