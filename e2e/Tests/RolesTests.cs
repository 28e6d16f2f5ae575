using System.Net;
using System.Net.Http.Headers;
using System.Text;
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
        // Other tests of the collection may have added custom roles; the built-in ones are always these eight.
        await Expect(roles.BuiltInRows).ToHaveCountAsync(8);
        await roles.SaveScreenshotsAsync("roles");

        await roles.SearchAsync("wipe");
        await Expect(roles.Row("Help Desk Operator")).ToContainTextAsync("Built-in");
        await roles.OpenRoleAsync("Help Desk Operator");

        await Expect(roles.PermissionRow("Managed apps")).ToContainTextAsync("Read, Wipe");
        await Expect(roles.PermissionRow("Intune roles")).ToContainTextAsync("Read");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Delete" })).ToHaveCountAsync(0);
        await roles.SaveScreenshotsAsync("role-help-desk-operator");
    });

    [Fact]
    public Task CustomRole_AssignedToNewAdministrator_GivesExactlyItsPermissionsAndCannotBeDeleted() => RunAsync(async page =>
    {
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        const string role = "Policy readers";
        var email = $"policy.reader.{Guid.NewGuid():N}"[..22] + "@security-operations.contoso.com";
        const string newPassword = "policy-reader-passphrase";
        var policyName = $"Readable policy {Guid.NewGuid():N}"[..24];
        await CreatePolicyAsync(policyName);
        var signIn = new SignInPage(page);
        await signIn.GotoAsync();
        var admin = await signIn.SignInAsync(AdminCenterServerFixture.AdminEmail, AdminCenterServerFixture.AdminPassword);

        var roles = new RolesPage(page);
        await roles.OpenThroughNavigationAsync();
        await roles.StartCreateAsync();
        await roles.FillBasicsAsync(role, "Reads app protection policies; changes nothing.");
        await roles.SaveScreenshotsAsync("role-wizard-basics");
        await roles.NextAsync("Permissions");
        await roles.SetPermissionAsync("Managed apps/Read", granted: true);
        await roles.SaveScreenshotsAsync("role-wizard-permissions");
        await roles.NextAsync("Review + create");
        await roles.SaveScreenshotsAsync("role-wizard-review");
        await roles.CreateAsync(role);
        await Expect(roles.PermissionRow("Managed apps")).ToContainTextAsync("Read");
        await Expect(roles.PermissionRow("Managed apps")).Not.ToContainTextAsync("Update");
        await roles.SaveScreenshotsAsync("role-custom");
        await roles.OpenThroughNavigationAsync();
        await Expect(roles.Row(role)).ToContainTextAsync("Custom");
        await roles.SaveScreenshotsAsync("roles-with-custom");

        var administrators = new AdministratorsPage(page);
        await administrators.OpenThroughNavigationAsync();
        var oneTimePassword = await administrators.AddAndCopyPasswordAsync(email, email, role);
        await administrators.WaitForPaneClosedAsync();
        // At 1440 px every column, Last sign-in and Manage included, stays in view with a long name (an email here) and email.
        Assert.True(await administrators.AllColumnsFitAsync());
        await Expect(administrators.ColumnHeader("Last sign-in")).ToBeInViewportAsync();
        await administrators.SaveScreenshotsAsync("administrators-long-names");

        await roles.OpenThroughNavigationAsync();
        await roles.OpenRoleAsync(role);
        await roles.DeleteAsync();
        await Expect(roles.Refusal).ToContainTextAsync("can't be deleted while it is assigned");
        await Expect(roles.Refusal).ToContainTextAsync(email);
        await roles.SaveScreenshotsAsync("role-delete-refused");
        await admin.SignOutAsync();

        await signIn.SubmitAsync(email, oneTimePassword);
        var change = new ChangePasswordPage(page);
        await Expect(change.Heading).ToBeVisibleAsync();
        await change.ChangeAsync(oneTimePassword, newPassword, newPassword);
        var policies = new AppProtectionPages(page);
        await policies.WaitForInteractiveAsync();
        await policies.OpenThroughNavigationAsync();
        await Expect(policies.Row(policyName)).ToBeVisibleAsync();
        await Expect(policies.Button("Create policy")).ToHaveCountAsync(0);
    });

    /// <summary>A policy to read, made through the Graph API with the bootstrap token (Global Administrator).</summary>
    private async Task CreatePolicyAsync(string name)
    {
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "graph/beta/deviceAppManagement/windowsManagedAppProtections")
        {
            Content = new StringContent($$"""{"@odata.type": "#microsoft.graph.windowsManagedAppProtection", "displayName": "{{name}}"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminCenterServerFixture.ApiToken);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
