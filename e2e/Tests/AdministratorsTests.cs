using AdminCenter.Core.AppProtection;
using AdminCenter.E2E.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using AdminCenter.E2E.Pages;

namespace AdminCenter.E2E.Tests;

public sealed class AdministratorsTests(AdminCenterServerFixture server, BrowserFixture browser) : E2ETest(server, browser)
{
    private static readonly string[] ChangeActions = ["Add", "Save", "Delete"];

    [Fact]
    public Task AddReadOnlyOperator_SignsInWithOneTimePassword_ChangesItAndSeesMtdReadOnly() => RunAsync(async page =>
    {
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var email = $"reader.{Guid.NewGuid():N}"[..15] + "@contoso.com";
        var policy = await SeedPolicyAsync($"Read-only view {Guid.NewGuid():N}"[..24]);
        const string newPassword = "reader-own-passphrase";
        var signIn = new SignInPage(page);
        await signIn.GotoAsync();
        var admin = await signIn.SignInAsync(AdminCenterServerFixture.AdminEmail, AdminCenterServerFixture.AdminPassword);
        var administrators = new AdministratorsPage(page);
        await administrators.OpenThroughNavigationAsync();
        var oneTimePassword = await administrators.AddAndCopyPasswordAsync(email, "Reader", "Read Only Operator");
        await admin.SignOutAsync();

        await signIn.SubmitAsync(email, oneTimePassword);
        var change = new ChangePasswordPage(page);
        await Expect(change.Heading).ToBeVisibleAsync();
        await page.GotoAsync("tenant-admin/connectors/mtd");
        await Expect(change.Heading).ToBeVisibleAsync();
        await change.ChangeAsync(oneTimePassword, newPassword, "a-different-confirmation");
        await Expect(page.GetByText("The passwords don't match.")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults", "pages")).FullName, "change-password-light.png") });
        await change.ChangeAsync(oneTimePassword, newPassword, newPassword);
        var mtd = new MobileThreatDefensePage(page);
        await mtd.WaitForInteractiveAsync();
        await mtd.OpenThroughNavigationAsync();

        foreach (var action in ChangeActions)
        {
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = action, Exact = true })).ToHaveCountAsync(0);
        }
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Refresh" })).ToBeVisibleAsync();
        await administrators.OpenThroughNavigationAsync();
        await Expect(administrators.AddButton).ToHaveCountAsync(0);
        await Expect(administrators.Row(email)).ToContainTextAsync("Enabled");
        await administrators.SaveScreenshotsAsync("administrators-read-only");

        // A policy and the audit log open read-only; the create wizard's address names the permission it needs.
        var policies = new AppProtectionPages(page);
        await policies.GotoPolicyAsync(policy.Id, policy.DisplayName);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Edit", Exact = false })).ToHaveCountAsync(0);
        await Expect(policies.Button("Delete")).ToHaveCountAsync(0);
        var audit = new AuditLogsPage(page);
        await audit.OpenThroughNavigationAsync();
        await Expect(audit.Row(email).First).ToBeVisibleAsync();
        await page.GotoAsync("apps/app-protection/create/windows");
        await Expect(page.GetByText("You don't have permission to view this page")).ToBeVisibleAsync();
        await Expect(page.GetByText("Managed apps/Create")).ToBeVisibleAsync();
        await audit.SignOutAsync(email);

        // The Global Administrator sees both admins' changes, each by its own actor.
        await signIn.SignInAsync(AdminCenterServerFixture.AdminEmail, AdminCenterServerFixture.AdminPassword);
        await audit.OpenThroughNavigationAsync();
        await Expect(audit.Rows.Filter(new() { HasText = "Change password" }).Filter(new() { HasText = email }).First).ToBeVisibleAsync();
        await Expect(audit.Rows.Filter(new() { HasText = "Create" }).Filter(new() { HasText = email })
            .Filter(new() { HasText = AdminCenterServerFixture.AdminEmail }).First).ToBeVisibleAsync();
    });

    [Fact]
    public Task DisableLastGlobalAdministrator_ByAnIntuneRoleAdministrator_IsRefusedWithTheReason() => RunAsync(async page =>
    {
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var email = $"roles.{Guid.NewGuid():N}"[..14] + "@contoso.com";
        const string newPassword = "role-admin-own-passphrase";
        var signIn = new SignInPage(page);
        await signIn.GotoAsync();
        var admin = await signIn.SignInAsync(AdminCenterServerFixture.AdminEmail, AdminCenterServerFixture.AdminPassword);
        var administrators = new AdministratorsPage(page);
        await administrators.OpenThroughNavigationAsync();
        var oneTimePassword = await administrators.AddAndCopyPasswordAsync(email, "Role admin", "Intune Role Administrator");
        await admin.SignOutAsync();

        await signIn.SubmitAsync(email, oneTimePassword);
        await new ChangePasswordPage(page).ChangeAsync(oneTimePassword, newPassword, newPassword);
        await administrators.WaitForInteractiveAsync();
        await administrators.OpenThroughNavigationAsync();
        await administrators.OpenManageAsync("Administrator");
        await administrators.DisableAsync();

        await Expect(administrators.PaneAlert).ToContainTextAsync("This is the last enabled Global Administrator.");
        await administrators.SaveScreenshotsAsync("administrators-last-global-administrator");
        await administrators.CloseManageAsync();
        await Expect(administrators.Row(AdminCenterServerFixture.AdminEmail)).ToContainTextAsync("Enabled");
    });

    [Fact]
    public Task AddPaneEmptyAndOwnAccount_ShowWhyNothingCanBeDone() => RunAsync(async page =>
    {
        var signIn = new SignInPage(page);
        await signIn.GotoAsync();
        await signIn.SignInAsync(AdminCenterServerFixture.AdminEmail, AdminCenterServerFixture.AdminPassword);
        var administrators = new AdministratorsPage(page);
        await administrators.OpenThroughNavigationAsync();
        await administrators.SaveScreenshotsAsync("administrators");
        await administrators.AddButton.ClickAsync();
        await page.Locator(".side-pane").GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Expect(page.GetByText("Enter the administrator's email address.")).ToBeVisibleAsync();
        await administrators.SaveScreenshotsAsync("administrators-add-messages");
        await page.Keyboard.PressAsync("Escape");

        await administrators.OpenManageAsync("Administrator");

        await Expect(administrators.DisabledReason).ToHaveTextAsync("You can't disable your own account.");
        await administrators.SaveScreenshotsAsync("administrators-manage");
    });

    private async Task<(string Id, string DisplayName)> SeedPolicyAsync(string name)
    {
        var created = await Server.Services.GetRequiredService<AppProtectionPolicyService>().CreateAsync(
            PolicyTemplates.Blank() with { DisplayName = name, Apps = [WindowsPolicyDraft.EdgeAppId] }, TestActors.GlobalAdministrator);
        Assert.True(created.Succeeded);
        return (created.Value!.Id, name);
    }
}
