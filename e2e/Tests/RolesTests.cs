using AdminCenter.E2E.Fixtures;
using AdminCenter.E2E.Pages;

namespace AdminCenter.E2E.Tests;

public sealed class RolesTests(AdminCenterServerFixture server, BrowserFixture browser) : E2ETest(server, browser)
{
    [Fact]
    public Task Roles_SearchAndOpenBuiltIn_ShowsPermissionsReadOnly() => RunAsync(async page =>
    {
        var signIn = new SignInPage(page);
        await signIn.GotoAsync();
        await signIn.SignInAsync(AdminCenterServerFixture.AdminEmail, AdminCenterServerFixture.AdminPassword);
        var roles = new RolesPage(page);
        await roles.OpenThroughNavigationAsync();
        await Expect(roles.Rows).ToHaveCountAsync(8);
        await roles.SaveScreenshotsAsync("roles");

        await roles.SearchAsync("wipe");
        await Expect(roles.Row("Help Desk Operator")).ToContainTextAsync("Built-in");
        await roles.OpenRoleAsync("Help Desk Operator");

        await Expect(roles.PermissionRow("Managed apps")).ToContainTextAsync("Read, Wipe");
        await Expect(roles.PermissionRow("Intune roles")).ToContainTextAsync("Read");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save" })).ToHaveCountAsync(0);
        await roles.SaveScreenshotsAsync("role-help-desk-operator");
    });
}
