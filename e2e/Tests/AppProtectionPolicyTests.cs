using AdminCenter.E2E.Fixtures;
using AdminCenter.E2E.Pages;

namespace AdminCenter.E2E.Tests;

public sealed class AppProtectionPolicyTests(AdminCenterServerFixture server, BrowserFixture browser) : E2ETest(server, browser)
{
    [Fact]
    public Task AdminWalk_Level2PolicyThroughEveryStep_CreatesEditsAndDeletes() => RunAsync(async page =>
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var groupName = $"Sales {suffix}";
        var policyName = $"Edge level 2 {suffix}";
        var signIn = new SignInPage(page);
        await signIn.GotoAsync();
        await signIn.SignInAsync(AdminCenterServerFixture.AdminEmail, AdminCenterServerFixture.AdminPassword);
        await CreateGroupOfTwoUsersByHandAsync(page, groupName, suffix);
        var policies = new AppProtectionPages(page);

        await policies.OpenThroughNavigationAsync();
        await policies.StartWindowsPolicyAsync();
        await policies.ChooseAsync("Start from a template", "Level 2 enhanced data protection");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(policyName);
        await policies.NextAsync("Apps");
        await Expect(page.GetByLabel("Microsoft Edge")).ToBeCheckedAsync();
        await policies.NextAsync("Data protection");
        await policies.ChooseAsync("Print org data", "Allow");
        await policies.NextAsync("Health checks");
        await Expect(page.Locator(".health-row")).ToHaveCountAsync(5);
        await policies.NextAsync("Scope tags");
        await policies.NextAsync("Assignments");
        await policies.AddGroupAsync("Add included groups", groupName);
        await Expect(page.Locator(".included-groups")).ToContainTextAsync(groupName);
        await policies.NextAsync("Review + create");
        await Expect(policies.Summary("Data protection")).ToContainTextAsync("Allow");
        await policies.Button("Create").ClickAsync();

        await Expect(policies.Row(policyName)).ToContainTextAsync("Yes");
        await policies.OpenPolicyAsync(policyName);
        await policies.EditSectionAsync("Data protection");
        await policies.ChooseAsync("Send org data to", "All destinations");
        await policies.ReviewAndSaveAsync();
        await Expect(policies.Summary("Data protection")).ToContainTextAsync("All destinations");
        await policies.ReloadAsync();
        await Expect(policies.Summary("Data protection")).ToContainTextAsync("All destinations");

        await policies.EditSectionAsync("Health checks");
        await page.Locator(".health-row[data-setting='MinOsVersion']").GetByLabel("Value").FillAsync("22631.3155");
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "10.0.22631.3155" })).ToBeVisibleAsync();
        await Expect(policies.Button("Review + save")).ToBeDisabledAsync();
        await policies.Button("Cancel").ClickAsync();

        await policies.Button("Delete").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(policies.Heading("Apps | App protection policies")).ToBeVisibleAsync();
        await Expect(policies.Row(policyName)).ToHaveCountAsync(0);
    });

    private static async Task CreateGroupOfTwoUsersByHandAsync(IPage page, string groupName, string suffix)
    {
        var users = new UsersPage(page);
        await users.OpenThroughNavigationAsync();
        await users.CreateUserAsync($"adele.{suffix}@contoso.com", $"Adele {suffix}");
        await users.CreateUserAsync($"lee.{suffix}@contoso.com", $"Lee {suffix}");
        var groups = new GroupsPage(page);
        await groups.OpenThroughNavigationAsync();
        await groups.OpenNewGroupPaneAsync();
        await groups.FillNewGroupAsync(groupName, "Edge users in sales");
        await groups.PickUserAsync("Members", $"Adele {suffix}", $"adele.{suffix}@contoso.com");
        await groups.PickUserAsync("Members", $"Lee {suffix}", $"lee.{suffix}@contoso.com");
        await groups.CreateAsync();
        await groups.SearchAsync(suffix);
        await Expect(groups.Row(groupName)).ToContainTextAsync("2");
    }
}
